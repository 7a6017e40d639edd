import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { sqliteSink } from '../../src/adapters/sqlite/sqlite-sink.js';
import { createCommitBatch } from '../../src/sink/commit-batch.js';
import { fromWorker, type MappedBatch } from '../../src/worker/mapped-batch.js';
import { RowCollector } from '../../src/worker/row-collector.js';
import { context, PERSON_TABLES, range } from '../adapters/commit-batch.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** 100 records of 3 phones each, as a worker sends them; reading a table's whole `values` throws. */
function workerBatch(): MappedBatch {
  const keys = range(1, 100);
  const c = new RowCollector(PERSON_TABLES, keys.length);
  keys.forEach((key, i) => {
    c.begin(key);
    c.emit('person', { id: key, name: `Person ${key}`, born: null });
    for (const seq of range(1, 3)) c.emit('phone', { person_id: key, seq, number: `+1-555-${key}-${seq}` });
    c.end(i, true);
  });
  const batch = fromWorker({ keys, status: new Uint8Array(100), messages: keys.map(() => null), rows: c.packed(), bytes: c.bytes, stats: { threadId: 1, parseMicros: 0, mapMicros: 0, startedAt: 0, finishedAt: 0 } });
  for (const rows of batch.rows) {
    Object.defineProperty(rows, 'values', {
      get: () => {
        throw new Error('the whole table was unpacked');
      },
    });
  }
  return batch;
}

it("inserts a worker's rows unpacking one statement's values at a time, never the whole table", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-packed-'));
  dirs.push(dir);
  const sink = sqliteSink({ file: join(dir, 'out.db') });
  await sink.open(context());
  const entries = range(1, 100).map((key) => ({ key, status: 'succeeded' as const, error: null, attempts: 1, startedAt: 0, finishedAt: 0 }));
  await sink.write(createCommitBatch([{ batch: workerBatch(), from: 0, to: 100 }], entries, PERSON_TABLES));
  await sink.close();
  const db = new Database(join(dir, 'out.db'), { readonly: true });
  expect(db.prepare('SELECT count(*) AS n FROM person').get()).toEqual({ n: 100 });
  expect(db.prepare('SELECT number FROM phone WHERE person_id = 77 ORDER BY seq').pluck().all()).toEqual(['+1-555-77-1', '+1-555-77-2', '+1-555-77-3']);
  db.close();
});
