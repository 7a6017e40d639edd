import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource } from 'sluice';
import { PERSON_MAPPER, personXml, query, seedPeople } from '../helpers/people.js';

describe('a SQLite-to-SQLite load', () => {
  it('writes every row of every record and one log entry per key', async () => {
    const file = seedPeople(1000, (id) => personXml(id, id % 4));
    const report = await pipeline({
      source: sqliteSource({ file }),
      sink: sqliteSink({ file }),
      mapper: PERSON_MAPPER,
      workers: 2,
      batchSize: 128,
      taskSize: 50,
    }).run();

    expect(report.status).toEqual({ state: 'completed' });
    expect(report.counts).toMatchObject({ read: 1000, succeeded: 1000, failed: 0, skipped: 0 });
    expect(query(file, 'SELECT count(*) n FROM person')[0]).toEqual({ n: 1000 });
    const expectedPhones = Array.from({ length: 1000 }, (_, i) => (i + 1) % 4).reduce((a, b) => a + b, 0);
    expect(query(file, 'SELECT count(*) n FROM phone')[0]).toEqual({ n: expectedPhones });
    expect(query(file, "SELECT count(*) n FROM processing_log WHERE status = 'succeeded'")[0]).toEqual({ n: 1000 });
    expect(query(file, 'SELECT id, name, born FROM person WHERE id = 31')[0]).toEqual({ id: 31, name: 'Person 31', born: '1980-01-04' });
    expect(query(file, 'SELECT number FROM phone WHERE person_id = 7 ORDER BY seq')).toEqual([{ number: '+1-555-7-0' }, { number: '+1-555-7-1' }, { number: '+1-555-7-2' }]);
  });
});
