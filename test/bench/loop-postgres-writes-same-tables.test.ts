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
import { IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';

// Enough records for bad values and malformed documents of both shapes (1.5% of records).
const N = 300;
const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;
let dir: string;
let s: PgScratch;

/** Every table of a schema as text, and each key's status in the log, in key order. */
async function dump(schema: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of [...CREDIT_APP_TABLES, 'processing_log']) {
    const cols = t === 'processing_log' ? '"key"::text, "status"' : `${t}::text`;
    out[t] = (await s.pool.query({ text: `SELECT ${cols} FROM "${schema}".${t} AS ${t} ORDER BY 1`, rowMode: 'array' })).rows;
  }
  return out;
}

async function load(kind: LoadKind, shape: DocumentShape): Promise<Record<string, unknown[]>> {
  const sinkSchema = `${s.schema}_${kind}_${shape}`;
  await s.query(`CREATE SCHEMA "${sinkSchema}"`);
  const result = await runLoad({
    kind, label: kind, shape, records: N, settings: defaultSettings(2), endpoint: { db: 'postgres', url: PG_URL!, sinkSchema, sourceTable: `${s.schema}.app_xml_${shape}` },
  });
  expect(result.records).toBe(N);
  const tables = await dump(sinkSchema);
  await s.query(`DROP SCHEMA "${sinkSchema}" CASCADE`);
  return tables;
}

describe.skipIf(skip)(`the hand-written loop into PostgreSQL${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  beforeAll(async () => {
    if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
    s = await pgScratch('loop_pg');
    dir = mkdtempSync(join(tmpdir(), 'sluice-loop-pg-test-'));
    for (const shape of DOCUMENT_SHAPES) {
      const file = join(dir, `${shape}.db`);
      seedDemoDatabase(file, N, 'medium', shape);
      const db = new Database(file, { readonly: true });
      const rows = db.prepare('SELECT app_id, xml FROM app_xml ORDER BY app_id').raw(true).all() as [number, string][];
      db.close();
      await s.query(`CREATE TABLE app_xml_${shape} (app_id bigint PRIMARY KEY, xml text)`);
      await s.query(`INSERT INTO app_xml_${shape} SELECT * FROM unnest($1::bigint[], $2::text[])`, [rows.map((r) => r[0]), rows.map((r) => r[1])]);
    }
  });
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await s?.drop();
  });

  it.each(DOCUMENT_SHAPES)('loads the same %s documents into the same tables as the pipeline', async (shape) => {
    const pipeline = await load('pipeline', shape);
    const loop = await load('loop', shape);
    expectSameTables(pipeline, loop, N);
  });
});
