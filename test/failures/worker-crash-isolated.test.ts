import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { fromArray, pipeline } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';

const MAPPER = fileURLToPath(new URL('../fixtures/crash-mapper.ts', import.meta.url));

const records = (crashes: Record<number, string>) =>
  Array.from({ length: 60 }, (_, i) => {
    const id = i + 1;
    const attr = crashes[id] ? ` crash="${crashes[id]}"` : '';
    return { key: id, payload: `<item${attr}>value ${id}</item>` };
  });

describe('a mapper that kills or breaks its worker', () => {
  it.each([
    ['process.exit()', 'exit', /worker thread crashed/],
    ['out of memory', 'oom', /worker thread crashed/],
    ['stack overflow', 'stack', /RangeError: Maximum call stack size exceeded/],
    ['a thrown error', 'throw', /record 17: TypeError: cannot read the widget/],
  ])('%s fails only that record and the run goes on', async (_what, how, message) => {
    const sink = new MemorySink();
    const report = await pipeline({
      source: fromArray(records({ 17: how })),
      sink,
      mapper: MAPPER,
      workers: 2,
      taskSize: 10,
      workerMemoryLimitMb: 64,
    }).run();

    expect(report.counts).toMatchObject({ read: 60, succeeded: 59, failed: 1 });
    expect(sink.log.get(17)).toMatchObject({ status: 'failed' });
    expect(sink.log.get(17)!.error).toMatch(/^record 17: /);
    expect(sink.log.get(17)!.error).toMatch(message);
    expect(sink.rows.get('item')).toHaveLength(59);
    expect(new Set(sink.rows.get('item')!.map((r) => r[0])).has(17)).toBe(false);
  });
});
