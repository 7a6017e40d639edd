import { describe, expect, it } from 'vitest';
import { pipeline } from 'sluice';
import { KEY_TABLE_CASES } from '../helpers/key-tables.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

/** Keys 1..30; key 10, the last of the first page of 10, three times; key 15 twice (within the second page). */
const KEYS = [...Array.from({ length: 30 }, (_, i) => i + 1), 10, 15, 10];

for (const c of KEY_TABLE_CASES) {
  describe.skipIf(c.skip !== undefined)(`${c.name}${c.skip ? ` (skipped: ${c.skip})` : ''}: duplicate keys in the source`, () => {
    it('are read once each; the copies are counted and named, within a page and across pages, and the run goes on', async () => {
      const t = await c.create(KEYS.map((k) => [k, personXml(k)] as const));
      try {
        const report = await pipeline({ source: t.source(), sink: t.sink(), mapper: PERSON_MAPPER, workers: 1, taskSize: 10, batchSize: 10 }).run();
        expect(report.status).toEqual({ state: 'completed' });
        expect(report.keyIssues).toEqual({ nullKeys: 0, duplicates: 3, duplicateKeys: [10, 15] });
        expect(report.counts).toMatchObject({ read: 30, succeeded: 30, failed: 0, skipped: 0 });
        expect(await t.logCounts()).toEqual({ succeeded: 30 });
        expect(await t.rows('SELECT count(*) AS n, count(DISTINCT id) AS d FROM person')).toEqual([{ n: 30, d: 30 }]);
      } finally {
        await t.close();
      }
    });
  });
}
