import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource } from 'sluice';
import { PERSON_MAPPER, personXml, query, seedPeople } from '../helpers/people.js';

describe('a batch the database rejects', () => {
  it('is split until the bad records are found; they fail with the database message and the rest commit', async () => {
    const bad = new Set([37, 38, 412]);
    const file = seedPeople(500, (id) => (bad.has(id) ? personXml(id, 2).replace('<Person ', '<Person dup="yes" ') : personXml(id, 2)));
    const report = await pipeline({
      source: sqliteSource({ file }),
      sink: sqliteSink({ file }),
      mapper: PERSON_MAPPER,
      workers: 2,
      batchSize: 250,
    }).run();

    expect(report.counts).toMatchObject({ read: 500, succeeded: 497, failed: 3 });
    const failed = query<{ key: number; error: string }>(file, "SELECT key, error FROM processing_log WHERE status = 'failed' ORDER BY key");
    expect(failed.map((f) => f.key)).toEqual([37, 38, 412]);
    for (const f of failed) {
      expect(f.error).toMatch(new RegExp(`^record ${f.key}: the database rejected its rows: UNIQUE constraint failed: phone.person_id, phone.seq`));
    }
    // Nothing of a failed record was written; everything of the others was.
    expect(query(file, 'SELECT count(*) n FROM person WHERE id IN (37, 38, 412)')[0]).toEqual({ n: 0 });
    expect(query(file, 'SELECT count(*) n FROM person')[0]).toEqual({ n: 497 });
    expect(query(file, 'SELECT count(*) n FROM phone')[0]).toEqual({ n: 994 });
    expect(query(file, 'SELECT count(*) n FROM processing_log')[0]).toEqual({ n: 500 });
  });
});
