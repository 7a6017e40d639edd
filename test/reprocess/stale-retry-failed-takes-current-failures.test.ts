import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { MappingSpec } from 'sluice';
import { loadContacts, loadMapping, logRows, seedContacts, V1 } from './contacts.js';

const load = (file: string, mapper: MappingSpec, o: { reprocess?: 'stale'; retryFailed?: boolean } = {}) =>
  loadContacts(file, mapper, o);

describe('reprocess stale and records the current version failed', () => {
  it('leaves them out, unless retryFailed; then they are read again (and fixed here)', async () => {
    const v1 = loadMapping(V1);
    const db = seedContacts(8);
    const raw = new Database(db);
    raw.prepare('UPDATE app_xml SET xml = ? WHERE app_id = 5').run('<Person id="5"><Name>P5</Name>');
    await load(db, v1.spec);
    expect(logRows(db)[4]).toEqual([5, 'failed', 1, v1.version]);

    expect((await load(db, v1.spec, { reprocess: 'stale' })).counts.read).toBe(0);
    raw.prepare('UPDATE app_xml SET xml = ? WHERE app_id = 5').run('<Person id="5"><Name>P5</Name></Person>');
    raw.close();
    expect((await load(db, v1.spec, { reprocess: 'stale', retryFailed: true })).counts).toMatchObject({ read: 1, succeeded: 1 });
    expect(logRows(db)[4]).toEqual([5, 'succeeded', 2, v1.version]);
  });
});
