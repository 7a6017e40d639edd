import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { pipeline } from 'sluice';
import { personXml } from '../helpers/people.js';
import { adapterCases, caseTitle, skipCase, type AdapterEnv } from './adapter-cases.js';

const cases = await adapterCases();
const MAPPER = fileURLToPath(new URL('../fixtures/xml-id-mapper.ts', import.meta.url));

for (const c of cases) {
  describe.skipIf(skipCase(c))(`${caseTitle(c)}: record isolation`, () => {
    let env: AdapterEnv | undefined;
    afterEach(async () => env?.close());

    it('fails only the record that breaks a real constraint; the rest of its batch commits', async () => {
      env = await c.create();
      // Record 30 carries person id 10: the second of the two to commit violates the primary key.
      await env.seed(60, (id) => personXml(id === 30 ? 10 : id));
      const report = await pipeline({ source: env.source(), sink: env.sink(), mapper: MAPPER, workers: 1, batchSize: 60, taskSize: 20 }).run();
      expect(report.counts).toMatchObject({ read: 60, succeeded: 59, failed: 1 });
      const failed = await env.rows("SELECT key, error FROM processing_log WHERE status = 'failed'");
      expect(failed).toHaveLength(1);
      expect([10, 30]).toContain(failed[0]!.key);
      expect(String(failed[0]!.error)).toMatch(/duplicate key|UNIQUE constraint/i);
      expect(Number((await env.rows('SELECT count(*) AS n FROM person'))[0]!.n)).toBe(59);
      expect(Number((await env.rows('SELECT count(*) AS n FROM processing_log'))[0]!.n)).toBe(60);
    });
  });
}
