import { afterEach, describe, expect, it } from 'vitest';
import { adapterCases, caseTitle, skipCase, type AdapterEnv } from './adapter-cases.js';
import { context, personBatch } from './commit-batch.js';

const cases = await adapterCases();

for (const c of cases) {
  describe.skipIf(skipCase(c))(`${caseTitle(c)}: checkpointed() and attempts()`, () => {
    let env: AdapterEnv | undefined;
    afterEach(async () => env?.close());

    it('reads terminal keys and attempts back from the log', async () => {
      env = await c.create();
      const sink = env.sink();
      await sink.open(context());
      await sink.write(personBatch([{ key: 1 }, { key: 2, status: 'failed', attempts: 3 }, { key: 3, status: 'skipped' }]));
      expect(await sink.checkpointed([1, 2, 3, 4], false)).toEqual(new Set([1, 2, 3]));
      expect(await sink.checkpointed([1, 2, 3, 4], true)).toEqual(new Set([1, 3]));
      expect(await sink.attempts([1, 2, 4])).toEqual(new Map([[1, 1], [2, 3]]));
      expect(await sink.checkpointed([], false)).toEqual(new Set());
      await sink.close();
    });

    it('replaces a failed entry when the record is retried, and never a succeeded one', async () => {
      env = await c.create();
      const sink = env.sink();
      await sink.open(context());
      await sink.write(personBatch([{ key: 1 }, { key: 2, status: 'failed' }]));
      await sink.write(personBatch([{ key: 2, attempts: 2 }]));
      expect(await env.rows('SELECT key, status, attempts FROM processing_log ORDER BY key')).toEqual([
        { key: 1, status: 'succeeded', attempts: 1 },
        { key: 2, status: 'succeeded', attempts: 2 },
      ]);
      expect(Number((await env.rows('SELECT count(*) AS n FROM person'))[0]!.n)).toBe(2);
      await sink.close();
    });
  });
}
