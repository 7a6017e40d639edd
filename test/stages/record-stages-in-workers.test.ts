import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { pipeline, sqliteSink, sqliteSource } from 'sluice';
import { PERSON_MAPPER, personXml, query, seedPeople } from '../helpers/people.js';

const STAGE = fileURLToPath(new URL('../fixtures/test-app-filter-stage.ts', import.meta.url));

describe('record stages', () => {
  it('filter documents and transform rows in the worker threads, beside the mapper', async () => {
    const file = seedPeople(40, (id) => (id % 10 === 0 ? personXml(id, 3).replace('<Person ', '<Person test="yes" ') : personXml(id, 3)));
    const report = await pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, recordStages: [STAGE], workers: 2 }).run();

    expect(report.counts).toMatchObject({ read: 40, succeeded: 36, skipped: 4, failed: 0 });
    expect(query(file, "SELECT key, error FROM processing_log WHERE status = 'skipped' ORDER BY key")).toEqual(
      [10, 20, 30, 40].map((key) => ({ key, error: 'a test application' })),
    );
    const names = query<{ name: string }>(file, 'SELECT name FROM person ORDER BY id').map((r) => r.name);
    expect(names).toHaveLength(36);
    expect(names.every((n) => n.endsWith(' [worker]'))).toBe(true);
    // Phone 2 of each person was dropped by the row stage: 2 of 3 phones remain.
    expect(query(file, 'SELECT count(*) n, count(DISTINCT person_id) p, max(seq) m FROM phone')[0]).toEqual({ n: 72, p: 36, m: 3 });
  });
});
