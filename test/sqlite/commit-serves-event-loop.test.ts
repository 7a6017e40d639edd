import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { sqliteSink } from '../../src/adapters/sqlite/sqlite-sink.js';
import { context, joinBatches, personBatch, range } from '../adapters/commit-batch.js';

const dirs: string[] = [];
let file = '';
beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-turns-'));
  dirs.push(dir);
  file = join(dir, 'out.db');
  // Every slice of a batch takes "10 ms": the sink gives the event loop a turn before each next one.
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += 10));
});
afterEach(() => {
  vi.restoreAllMocks();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** Three workers' tasks of ten records: three slices. */
const threeSlices = (first = 1) => joinBatches([0, 10, 20].map((at) => personBatch(range(first + at, first + at + 9).map((key) => ({ key })))));

const count = (table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

it('lets the event loop run while a commit writes its slices, and shows none of its rows before it commits', async () => {
  const sink = sqliteSink({ file });
  await sink.open(context());
  let settled = false;
  const write = sink.write(threeSlices()).then(() => (settled = true));
  const during = await new Promise<{ settled: boolean; persons: number; log: number }>((resolve) =>
    setImmediate(() => resolve({ settled, persons: count('person'), log: count('processing_log') })),
  );
  expect(during).toEqual({ settled: false, persons: 0, log: 0 });
  await write;
  expect([count('person'), count('phone'), count('processing_log')]).toEqual([30, 60, 30]);
  await sink.close();
});

it('rolls back the whole commit when a statement fails after a turn, and the next commit works', async () => {
  const sink = sqliteSink({ file });
  await sink.open(context());
  // The third slice repeats person 1: a primary key violation once two slices and two turns are done.
  const bad = joinBatches([personBatch(range(1, 10).map((key) => ({ key }))), personBatch(range(11, 20).map((key) => ({ key }))), personBatch([{ key: 1 }])]);
  const error = await sink.write(bad).then(() => undefined, (e: unknown) => e);
  expect(sink.classify(error)).toBe('record');
  expect([count('person'), count('phone'), count('processing_log')]).toEqual([0, 0, 0]);
  await sink.write(threeSlices(101));
  expect([count('person'), count('processing_log')]).toEqual([30, 30]);
  await sink.close();
});
