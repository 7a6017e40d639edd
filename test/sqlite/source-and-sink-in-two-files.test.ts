import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource } from 'sluice';
import { PERSON_MAPPER, query, seedPeople, tempDir } from '../helpers/people.js';

describe('a SQLite source and a sink in another SQLite file', () => {
  it('keeps the checkpoint with the sink and still skips finished records in SQL on resume', async () => {
    const source = seedPeople(300);
    const out = join(tempDir(), 'out.db');
    const run = (limit?: number) =>
      pipeline({ source: sqliteSource({ file: source }), sink: sqliteSink({ file: out }), mapper: PERSON_MAPPER, workers: 1, ...(limit && { limit }) }).run();

    expect((await run(120)).counts.succeeded).toBe(120);
    const second = await run();
    expect(second.counts.read).toBe(180); // only what out.db's log does not hold
    expect(query(out, 'SELECT count(*) n, count(DISTINCT key) d FROM processing_log')[0]).toEqual({ n: 300, d: 300 });
    expect(query(out, 'SELECT count(*) n FROM person')[0]).toEqual({ n: 300 });
    // The source file stays as it was: no log, no target tables.
    expect(query(source, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).toEqual([{ name: 'app_xml' }]);
  });
});
