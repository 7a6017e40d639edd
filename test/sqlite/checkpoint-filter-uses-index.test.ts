import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fromArray, pipeline, sqliteSink, sqliteSource } from 'sluice';
import { PERSON_MAPPER, personXml, seedPeople } from '../helpers/people.js';

describe('the SQLite source’s "not already checkpointed" filter', () => {
  it('looks keys up in the log’s primary key instead of scanning the log for every record', async () => {
    const file = seedPeople(50);
    // Create the log as the sink does, with a few entries in it.
    await pipeline({ source: fromArray([{ key: 1, payload: personXml(1) }]), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 1 }).run();

    // Capture the SQL the source prepares, then ask SQLite how it would run it.
    const seen: string[] = [];
    function Spy(path: string, options?: Database.Options) {
      const db = new Database(path, options);
      const prepare = db.prepare.bind(db);
      return Object.assign(db, { prepare: (sql: string) => (seen.push(sql), prepare(sql)) });
    }
    const source = sqliteSource({ file, driver: Spy as never });
    const sink = sqliteSink({ file });
    const report = await pipeline({ source, sink, mapper: PERSON_MAPPER, workers: 1 }).run();
    expect(report.counts.succeeded).toBe(49);

    const paged = seen.find((s) => s.includes('NOT EXISTS') && s.includes('LIMIT'));
    expect(paged).toBeDefined();
    const db = new Database(file, { readonly: true });
    const params = (paged!.match(/\?/g) ?? []).map(() => 1);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${paged!}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    db.close();
    const subquery = plan.find((d) => / l\b/.test(d));
    expect(subquery).toMatch(/SEARCH l USING PRIMARY KEY/);
  });
});
