import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteStatus, type MappingSpec } from 'sluice';
import { copyOf, loadContacts, loadMapping, logRows, seedContacts, targetRows, V1, V2 } from './contacts.js';

const load = (file: string, mapper: MappingSpec, reprocess?: 'stale') =>
  loadContacts(file, mapper, { ...(reprocess && { reprocess }) });

describe('a processing_log made before mapping versions (SQLite)', () => {
  it('gains the column when a run opens it; its entries count as an older version and reprocess --stale takes them', async () => {
    const v1 = loadMapping(V1);
    const v2 = loadMapping(V2);
    const db = seedContacts(40);
    const fresh = copyOf(db);
    await load(db, v1.spec);
    // As an earlier release left it.
    const raw = new Database(db);
    raw.exec('ALTER TABLE processing_log DROP COLUMN mapping_version');
    raw.close();
    expect(sqliteStatus({ file: db }).versions).toEqual([{ mappingVersion: null, succeeded: 40 }]);

    const report = await load(db, v2.spec, 'stale');
    expect(report.counts).toMatchObject({ read: 40, succeeded: 40 });
    expect(logRows(db).map((r) => r.slice(2))).toEqual(new Array(40).fill([2, v2.version]));
    await load(fresh, v2.spec);
    expect(targetRows(db)).toEqual(targetRows(fresh));
  });
});
