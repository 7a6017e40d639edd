import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_APP_TABLES, DOCUMENT_SHAPES, type DocumentShape } from '../../src/demo/index.js';
import { seedDemoDatabase } from '../../src/demo/seed-demo-database.js';
import { defaultSettings } from '../../bench/lib/context.js';
import type { LoadKind } from '../../bench/lib/load-job.js';
import { runLoad } from '../../bench/lib/run-load.js';
import { expectSameTables } from './same-tables.js';
import { loadMappingFile, mappingPath } from '../../bench/lib/sluice.js';
import { mappingVersion } from 'sluice';

// Enough records for bad values and malformed documents of both shapes (1.5% of records).
const N = 400;
let dir: string;

/** Every table of a sink, and each key's status in the log, in key order. */
function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of CREDIT_APP_TABLES) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw(true).all();
    out.processing_log = db.prepare('SELECT key, status FROM processing_log ORDER BY key').raw(true).all();
    return out;
  } finally {
    db.close();
  }
}

async function load(kind: LoadKind, shape: DocumentShape, mapping = false): Promise<Record<string, unknown[]>> {
  const sinkFile = join(dir, `${kind}-${shape}${mapping ? '-mapping' : ''}.db`);
  const result = await runLoad({
    kind, label: kind, shape, mapping, records: N, settings: defaultSettings(2), endpoint: { db: 'sqlite', sourceFile: join(dir, `${shape}.db`), sinkFile },
  });
  expect(result.records).toBe(N);
  expect(result.firstCommitMillis).not.toBeNull();
  return dump(sinkFile);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-loop-test-'));
  for (const shape of DOCUMENT_SHAPES) seedDemoDatabase(join(dir, `${shape}.db`), N, 'medium', shape);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the hand-written loop', () => {
  it.each(DOCUMENT_SHAPES)('loads the same %s documents into the same tables as the pipeline', async (shape) => {
    const pipeline = await load('pipeline', shape);
    const loop = await load('loop', shape);
    expectSameTables(pipeline, loop, N);
  });
});

// After the loop's loads above, whose sinks it compares with.
describe("the example mapping file of each shape (the bench's pipeline with a mapping file)", () => {
  it.each(DOCUMENT_SHAPES)('loads the same %s documents into the same tables as the loop', async (shape) => {
    const mapped = await load('pipeline', shape, true);
    expectSameTables(mapped, dump(join(dir, `loop-${shape}.db`)), N);
    // The log names the version of what made the rows: the mapping file, not the mapper in code.
    const db = new Database(join(dir, `pipeline-${shape}-mapping.db`), { readonly: true });
    const versions = db.prepare('SELECT DISTINCT mapping_version FROM processing_log').pluck().all();
    db.close();
    expect(versions).toEqual([mappingVersion({ mapper: loadMappingFile(mappingPath(shape)) })]);
  });
});
