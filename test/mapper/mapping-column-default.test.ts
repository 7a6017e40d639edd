import { expect, it } from 'vitest';
import { column, defineMapping, fromArray, pipeline } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';

it('a column default fills a value its path does not find, in a run; a default without a path is refused', async () => {
  const sink = new MemorySink();
  const report = await pipeline({
    source: fromArray([{ key: 1, payload: '<r><C preferred="true"/><C/><C preferred="false"/></r>' }]),
    sink,
    mapper: { tables: { c: { from: 'C', columns: { n: { ...column.integer(), value: '$index' }, preferred: { ...column.boolean(), path: '@preferred', default: false } } } } },
    workers: 1,
  }).run();
  expect(report.counts.succeeded).toBe(1);
  expect(sink.rows.get('c')).toEqual([[1, 1], [2, 0], [3, 0]]);
  expect(() => defineMapping({ tables: { c: { from: '.', columns: { n: { ...column.integer(), value: '$index', default: 1 } } } } })).toThrow(
    /mapping c.n: "default" goes with a path/,
  );
});
