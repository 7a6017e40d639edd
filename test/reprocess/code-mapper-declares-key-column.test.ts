import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mappingVersion, pipeline, sqliteSink, sqliteSource } from 'sluice';
import { query, seedPeople } from '../helpers/people.js';

const MAPPER = fileURLToPath(new URL('../fixtures/keyed-person-mapper.ts', import.meta.url));

describe('a code mapper and reprocess', () => {
  it("declares keyColumn in its table definitions; the log records its file's hash as the version", async () => {
    const db = seedPeople(30);
    const load = (reprocess?: 'all') => pipeline({ source: sqliteSource({ file: db }), sink: sqliteSink({ file: db }), mapper: MAPPER, workers: 1, ...(reprocess && { reprocess }) }).run();
    await load();
    const before = query(db, 'SELECT * FROM phone ORDER BY person_id, seq');
    // phone's primary key would reject a second copy of any row: every one is replaced, none fails.
    expect((await load('all')).counts).toMatchObject({ read: 30, succeeded: 30, failed: 0 });
    expect(query(db, 'SELECT * FROM phone ORDER BY person_id, seq')).toEqual(before);
    expect(query(db, 'SELECT DISTINCT mapping_version AS v, attempts FROM processing_log')).toEqual([{ v: mappingVersion({ mapper: MAPPER }), attempts: 2 }]);
  });
});
