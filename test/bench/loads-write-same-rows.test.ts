import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_APP_TABLES } from '../../src/demo/index.js';
import { seedDemoDatabase } from '../../src/demo/seed-demo-database.js';
import { defaultSettings } from '../../bench/lib/context.js';
import type { LoadKind, LoadResult } from '../../bench/lib/load-job.js';
import { runLoad } from '../../bench/lib/run-load.js';

const N = 200;
let dir: string;
let source: string;

/** Every table of a sink and its log, in key order. */
function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of CREDIT_APP_TABLES) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw(true).all();
    out.processing_log = db.prepare('SELECT key, status, error, attempts FROM processing_log ORDER BY key').raw(true).all();
    return out;
  } finally {
    db.close();
  }
}

function run(kind: LoadKind): Promise<LoadResult> {
  // Small tasks and batches, so tasks are split across commits.
  const settings = { ...defaultSettings(2), taskSize: 30, batchSize: 70 };
  return runLoad({ kind, label: kind, records: N, settings, endpoint: { db: 'sqlite', sourceFile: source, sinkFile: join(dir, `${kind}.db`) } });
}

async function load(kind: LoadKind): Promise<{ result: LoadResult; tables: Record<string, unknown[]> }> {
  const result = await run(kind);
  return { result, tables: dump(join(dir, `${kind}.db`)) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-bench-test-'));
  source = join(dir, 'source.db');
  seedDemoDatabase(source, N, 'medium');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the hand-written loads', () => {
  it('write exactly the rows and log entries the pipeline writes', async () => {
    const pipeline = await load('pipeline');
    expect(pipeline.result.records).toBe(N);
    expect(pipeline.tables.processing_log).toHaveLength(N);
    expect(pipeline.tables.app_base!.length).toBeGreaterThan(N * 0.9);
    for (const kind of ['sequential'] as const) {
      const other = await load(kind);
      expect(other.result).toMatchObject({ kind, records: N, succeeded: pipeline.result.succeeded, failed: pipeline.result.failed });
      expect(other.tables).toEqual(pipeline.tables);
      expect(other.result.phases).toHaveProperty('insert');
      expect(other.result.firstCommitMillis).not.toBeNull();
    }
  });

  it('measure the ceilings on the same records', async () => {
    for (const kind of ['parse-map', 'sink-only', 'source-only'] as const) {
      const result = await run(kind);
      expect(result.records).toBe(N);
      expect(result.recordsPerSecond).toBeGreaterThan(0);
    }
  });
});
