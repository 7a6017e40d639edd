import { afterEach, describe, expect, it } from 'vitest';
import type { Sink, Source } from 'sluice';
import { adapterCases, caseTitle, skipCase, type AdapterEnv } from './adapter-cases.js';
import { context, personBatch, range } from './commit-batch.js';

const cases = await adapterCases();

async function keys(source: Source, sink: Sink, retryFailed: boolean): Promise<number[]> {
  const out: number[] = [];
  for await (const p of source.pages({ pageSize: 50, partition: {}, skip: { log: sink.checkpoint, retryFailed } })) out.push(...p.map((r) => r.key as number));
  return out;
}

for (const c of cases) {
  describe.skipIf(skipCase(c))(`${caseTitle(c)}: checkpoint pushdown`, () => {
    let env: AdapterEnv | undefined;
    afterEach(async () => env?.close());

    it('skips checkpointed records in SQL, and failed ones only without retryFailed', async () => {
      env = await c.create();
      await env.seed(120);
      const sink = env.sink();
      await sink.open(context());
      // 1..5 succeeded, 6..8 failed, 9..10 skipped.
      await sink.write(personBatch([...range(1, 5).map((key) => ({ key })), ...range(6, 8).map((key) => ({ key, status: 'failed' as const })), { key: 9, status: 'skipped' }, { key: 10, status: 'skipped' }]));
      const source = env.source();
      expect(source.canSkip(sink.checkpoint)).toBe(true);
      expect(await keys(source, sink, false)).toEqual(range(11, 120));
      expect(await keys(source, sink, true)).toEqual([6, 7, 8, ...range(11, 120)]);
      expect(await source.count!({ partition: {}, skip: { log: sink.checkpoint, retryFailed: false } })).toBe(110);
      expect(await source.count!({ partition: {}, skip: { log: sink.checkpoint, retryFailed: true } })).toBe(113);
      await Promise.all([source.close(), sink.close()]);
    });

    it('does not claim to skip for a log in another kind of database', async () => {
      env = await c.create();
      const source = env.source();
      expect(source.canSkip({ kind: 'mssql', database: 'elsewhere:1433/db', table: 'processing_log' })).toBe(false);
      await source.close();
    });
  });
}
