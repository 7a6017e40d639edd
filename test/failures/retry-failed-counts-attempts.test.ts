import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource } from 'sluice';
import { PERSON_MAPPER, personXml, query, seedPeople } from '../helpers/people.js';

const run = (file: string, retryFailed = false) =>
  pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 1, retryFailed }).run();

describe('failed records on resume', () => {
  it('are skipped by default, and processed again with retryFailed, counting attempts', async () => {
    const file = seedPeople(200, (id) => (id % 50 === 0 ? '<Person><Name>broken' : personXml(id)));
    expect((await run(file)).counts).toMatchObject({ succeeded: 196, failed: 4 });
    expect((await run(file)).counts.read).toBe(0); // failed ones are not retried silently

    expect((await run(file, true)).counts).toMatchObject({ read: 4, failed: 4 });
    expect(query(file, "SELECT DISTINCT attempts FROM processing_log WHERE status = 'failed'")).toEqual([{ attempts: 2 }]);

    // The documents are fixed at the source: a retry now succeeds, with its third attempt.
    const db = new Database(file);
    db.prepare('UPDATE app_xml SET xml = ? WHERE app_id = ?').run(personXml(100), 100);
    db.close();
    expect((await run(file, true)).counts).toMatchObject({ read: 4, succeeded: 1, failed: 3 });
    expect(query(file, 'SELECT status, attempts, error FROM processing_log WHERE key = 100')).toEqual([{ status: 'succeeded', attempts: 3, error: null }]);
    expect(query(file, 'SELECT count(*) n FROM person WHERE id = 100')[0]).toEqual({ n: 1 });
  });
});
