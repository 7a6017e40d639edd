import { afterEach, describe, expect, it } from 'vitest';
import { adapterCases, caseTitle, skipCase, type AdapterEnv } from './adapter-cases.js';
import { context, personBatch, range } from './commit-batch.js';

const cases = await adapterCases();

const count = async (env: AdapterEnv, table: string) => Number((await env.rows(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

for (const c of cases) {
  describe.skipIf(skipCase(c))(`${caseTitle(c)}: sink transaction`, () => {
    let env: AdapterEnv | undefined;
    afterEach(async () => env?.close());

    it('writes the rows and the log entries of a batch together', async () => {
      env = await c.create();
      const sink = env.sink();
      await sink.open(context());
      await sink.write(personBatch([...range(1, 4).map((key) => ({ key })), { key: 5, status: 'failed' }], (k) => range(1, k)));
      expect(await count(env, 'person')).toBe(4);
      expect(await count(env, 'phone')).toBe(1 + 2 + 3 + 4);
      expect(await env.rows('SELECT key, status, error FROM processing_log ORDER BY key')).toEqual([
        ...range(1, 4).map((key) => ({ key, status: 'succeeded', error: null })),
        { key: 5, status: 'failed', error: 'failed on purpose' },
      ]);
      expect(await env.rows('SELECT id, name, CAST(born AS TEXT) AS born FROM person WHERE id = 3')).toEqual([{ id: 3, name: 'Person 3', born: '1980-01-02' }]);
      await sink.close();
    });

    it('commits nothing of a batch whose write fails, and says the error is the record\'s', async () => {
      env = await c.create();
      const sink = env.sink();
      await sink.open(context());
      // Record 2 emits the phone (2, 1) twice: a primary key violation in the middle of the batch.
      const bad = personBatch(range(1, 3).map((key) => ({ key })), (k) => (k === 2 ? [1, 1] : [1]));
      const error = await sink.write(bad).then(() => undefined, (e: unknown) => e);
      expect(error).toBeDefined();
      expect(sink.classify(error)).toBe('record');
      expect(await count(env, 'person')).toBe(0);
      expect(await count(env, 'phone')).toBe(0);
      expect(await count(env, 'processing_log')).toBe(0);
      await sink.write(personBatch([{ key: 9 }]));
      expect(await count(env, 'processing_log')).toBe(1);
      await sink.close();
    });

    it('classifies a missing table as fatal', async () => {
      env = await c.create();
      const sink = env.sink();
      await sink.open(context({ createTables: false }));
      const error = await sink.write(personBatch([{ key: 1 }])).then(() => undefined, (e: unknown) => e);
      expect(sink.classify(error)).toBe('fatal');
      await sink.close();
    });
  });
}
