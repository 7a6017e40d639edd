import { expect, it } from 'vitest';
import { sqliteSink } from '../../src/adapters/sqlite/sqlite-sink.js';
import { context, joinBatches, personBatch, range } from '../adapters/commit-batch.js';
import { countRows, slowSlices, threeSlices } from '../helpers/slow-slices.js';

const file = slowSlices('sluice-turns-');
const count = (table: string) => countRows(file(), table);

it('lets the event loop run while a commit writes its slices, and shows none of its rows before it commits', async () => {
  const sink = sqliteSink({ file: file() });
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
  const sink = sqliteSink({ file: file() });
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
