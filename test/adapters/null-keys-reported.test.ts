import { describe, expect, it } from 'vitest';
import { pipeline } from 'sluice';
import { KEY_TABLE_CASES } from '../helpers/key-tables.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

for (const c of KEY_TABLE_CASES) {
  describe.skipIf(c.skip !== undefined)(`${c.name}${c.skip ? ` (skipped: ${c.skip})` : ''}: records with a NULL key`, () => {
    it('are counted and reported, never read or retried; every keyed record commits', async () => {
      // One NULL key in the first page (SQLite sorts NULL first), two in the last (PostgreSQL sorts them last).
      const rows: [number | null, string][] = [[null, personXml(0)], ...Array.from({ length: 100 }, (_, i): [number, string] => [i + 1, personXml(i + 1)]), [null, personXml(0)], [null, '<not-xml']];
      const t = await c.create(rows);
      try {
        const report = await pipeline({ source: t.source(), sink: t.sink(), mapper: PERSON_MAPPER, workers: 1, taskSize: 30 }).run();
        expect(report.status).toEqual({ state: 'completed' });
        expect(report.keyIssues).toEqual({ nullKeys: 3, duplicates: 0, duplicateKeys: [] });
        expect(report.counts).toMatchObject({ read: 100, succeeded: 100, failed: 0, skipped: 0 });
        expect(await t.logCounts()).toEqual({ succeeded: 100 });
        expect(await t.rows('SELECT count(*) AS n FROM person')).toEqual([{ n: 100 }]);

        // A rerun reads nothing new and says the same about the NULL keys.
        const again = await pipeline({ source: t.source(), sink: t.sink(), mapper: PERSON_MAPPER, workers: 1 }).run();
        expect(again.counts.read).toBe(0);
        expect(again.keyIssues.nullKeys).toBe(3);
        expect(await t.logCounts()).toEqual({ succeeded: 100 });
      } finally {
        await t.close();
      }
    });
  });
}
