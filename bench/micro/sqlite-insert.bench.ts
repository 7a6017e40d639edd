// Micro-benchmark: SQLite insert paths for one commit of 1000 medium records (~12 rows each),
// same pragmas as the sink (WAL, synchronous=NORMAL): the sink's write (multi-row INSERTs of 32
// rows plus processing_log, one transaction), and raw better-sqlite3 paths on the same rows: one
// prepared single-row INSERT per row, and multi-row INSERTs of 32 and 128 rows.
// Target tables have no primary key here, so the same rows can be inserted again and again.
//   node --import jiti/register bench/micro/sqlite-insert.bench.ts   (after npm run build)
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommitBatcher, limitsFor } from '../lib/commit-batcher.js';
import { withEntries } from '../../src/sink/commit-batch.js';
import { sqliteSink, type CommitBatch, type TableSchema } from '../lib/sluice.js';
import { mappedBatches, rowCount } from './fixtures.js';
import { runMicro } from './suite.js';

const { batches, tables } = await mappedBatches(10);
const batcher = new CommitBatcher(limitsFor(1000));
let one: CommitBatch | undefined;
for (const m of batches) one = batcher.add(m)[0] ?? one;
if (!one) throw new Error('no batch');
const batch = one;
const rows = rowCount(batches);

const dir = mkdtempSync(join(tmpdir(), 'sluice-micro-'));
const file = join(dir, 'insert.db');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('temp_store = MEMORY');
db.pragma('cache_size = -65536');
const q = (s: string) => `"${s}"`;
for (const t of tables) db.exec(`CREATE TABLE ${q(t.name)} (${t.columns.map((c) => q(c.name)).join(', ')})`);
db.exec(`CREATE TABLE processing_log ("key" PRIMARY KEY NOT NULL, "status" TEXT NOT NULL, "attempts" INTEGER NOT NULL DEFAULT 1, "error" TEXT,
  "instance_id" INTEGER NOT NULL DEFAULT 0, "instance_count" INTEGER NOT NULL DEFAULT 1, "run_id" TEXT, "started_at" TEXT, "finished_at" TEXT) WITHOUT ROWID`);
const sink = sqliteSink({ file });
await sink.open({ tables, createTables: false, runId: 'micro', instanceId: 0, instanceCount: 1 });

/** Row-major values of each table for the whole batch. */
const perTable = tables.map((t, ti) => ({
  t,
  values: batches.flatMap((b) => b.rows[ti]!.values),
}));

function multiRow(t: TableSchema, n: number) {
  const row = `(${t.columns.map(() => '?').join(', ')})`;
  return db.prepare(`INSERT INTO ${q(t.name)} VALUES ${new Array(n).fill(row).join(', ')}`);
}

function rawPath(rowsPerStatement: number) {
  const stmts = perTable.map(({ t }) => ({ full: multiRow(t, rowsPerStatement), one: multiRow(t, 1), width: t.columns.length }));
  return db.transaction(() => {
    perTable.forEach(({ values }, i) => {
      const { full, one: single, width } = stmts[i]!;
      const n = values.length / width;
      let r = 0;
      for (; r + rowsPerStatement <= n; r += rowsPerStatement) full.run(values.slice(r * width, (r + rowsPerStatement) * width));
      for (; r < n; r++) single.run(values.slice(r * width, (r + 1) * width));
    });
  });
}

let offset = 0;
const single = rawPath(1);
const m32 = rawPath(32);
const m128 = rawPath(128);

await runMicro(`SQLite insert paths: one commit of 1000 medium records (${rows} rows)`, [
  {
    name: 'sqliteSink.write (32-row INSERTs + processing_log)',
    unit: 'record',
    units: 1000,
    defer: true,
    fn: (d: { resolve(): void }) => {
      offset += 1_000_000;
      const entries = batch.entries.map((e) => ({ ...e, key: Number(e.key) + offset }));
      void sink.write(withEntries(batch, entries)).then(() => d.resolve());
    },
  },
  { name: 'raw: single-row prepared INSERT per row', unit: 'record', units: 1000, fn: () => single() },
  { name: 'raw: 32-row INSERTs', unit: 'record', units: 1000, fn: () => m32() },
  { name: 'raw: 128-row INSERTs', unit: 'record', units: 1000, fn: () => m128() },
]);
await sink.close();
db.close();
rmSync(dir, { recursive: true, force: true });
