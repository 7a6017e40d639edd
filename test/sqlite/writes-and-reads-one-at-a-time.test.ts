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
  const dir = mkdtempSync(join(tmpdir(), 'sluice-serial-'));
  dirs.push(dir);
  file = join(dir, 'out.db');
  // Every slice "takes 10 ms": each commit gives the event loop turns, in which the others start.
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += 10));
});
afterEach(() => {
  vi.restoreAllMocks();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const threeSlices = (first: number) => joinBatches([0, 10, 20].map((at) => personBatch(range(first + at, first + at + 9).map((key) => ({ key })))));

const count = (table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

it('commits writes asked for at once one after another, each whole', async () => {
  const sink = sqliteSink({ file });
  await sink.open(context());
  await Promise.all([sink.write(threeSlices(1)), sink.write(threeSlices(101)), sink.write(threeSlices(201))]);
  expect([count('person'), count('phone'), count('processing_log')]).toEqual([90, 180, 90]);
  await sink.close();
});

it('answers a checkpoint read asked for during a commit once the commit is done', async () => {
  const sink = sqliteSink({ file });
  await sink.open(context());
  const order: string[] = [];
  const write = sink.write(threeSlices(1)).then(() => order.push('write'));
  const done = await sink.checkpointed(range(1, 30), false);
  order.push('read');
  await write;
  expect(order).toEqual(['write', 'read']);
  expect(done.size).toBe(30);
  expect(await sink.attempts(range(1, 30))).toHaveProperty('size', 30);
  await sink.close();
});

it('closes only once a commit in progress has committed', async () => {
  const sink = sqliteSink({ file });
  await sink.open(context());
  const write = sink.write(threeSlices(1));
  await sink.close();
  await write;
  expect([count('person'), count('processing_log')]).toEqual([30, 30]);
});
