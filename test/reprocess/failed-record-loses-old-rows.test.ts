import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { MappingSpec } from 'sluice';
import { loadContacts, loadMapping, logRows, seedContacts, targetRows, V1 } from './contacts.js';

const load = (file: string, mapper: MappingSpec, reprocess?: 'all') =>
  loadContacts(file, mapper, { ...(reprocess && { reprocess }) });

describe('a record that fails when reprocessed', () => {
  it('loses its previous rows, as a fresh load would have none, and is logged failed with attempts + 1', async () => {
    const v1 = loadMapping(V1);
    const db = seedContacts(6);
    await load(db, v1.spec);
    const raw = new Database(db);
    raw.prepare('UPDATE app_xml SET xml = ? WHERE app_id = 3').run('<Person id="3"><Name>P3</Name>');
    raw.close();

    const report = await load(db, v1.spec, 'all');
    expect(report.counts).toMatchObject({ read: 6, succeeded: 5, failed: 1 });
    const rows = targetRows(db);
    expect(rows.person.map((r) => (r as { id: number }).id)).toEqual([1, 2, 4, 5, 6]);
    expect(rows.phone.filter((r) => (r as { person_id: number }).person_id === 3)).toEqual([]);
    expect(rows.phone).toHaveLength(10);
    expect(logRows(db)[2]).toEqual([3, 'failed', 2, v1.version]);
  });
});
