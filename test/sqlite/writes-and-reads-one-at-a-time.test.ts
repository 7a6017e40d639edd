import { expect, it } from 'vitest';
import { sqliteSink } from '../../src/adapters/sqlite/sqlite-sink.js';
import { context, range } from '../adapters/commit-batch.js';
import { countRows, slowSlices, threeSlices } from '../helpers/slow-slices.js';

// Each commit gives the event loop turns, in which the other calls start.
const file = slowSlices('sluice-serial-');
const count = (table: string) => countRows(file(), table);

it('commits writes asked for at once one after another, each whole', async () => {
  const sink = sqliteSink({ file: file() });
  await sink.open(context());
  await Promise.all([sink.write(threeSlices(1)), sink.write(threeSlices(101)), sink.write(threeSlices(201))]);
  expect([count('person'), count('phone'), count('processing_log')]).toEqual([90, 180, 90]);
  await sink.close();
});

it('answers a checkpoint read asked for during a commit once the commit is done', async () => {
  const sink = sqliteSink({ file: file() });
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
  const sink = sqliteSink({ file: file() });
  await sink.open(context());
  const write = sink.write(threeSlices(1));
  await sink.close();
  await write;
  expect([count('person'), count('processing_log')]).toEqual([30, 30]);
});
