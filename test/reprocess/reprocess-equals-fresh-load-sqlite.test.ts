import { describe, expect, it } from 'vitest';
import type { MappingSpec } from 'sluice';
import { copyOf, loadContacts, loadMapping, logRows, seedContacts, targetRows, V1, V2 } from './contacts.js';

const load = (file: string, mapper: MappingSpec, reprocess?: 'all' | 'stale') =>
  loadContacts(file, mapper, { batchSize: 40, ...(reprocess && { reprocess }) });

describe('reprocess on SQLite', () => {
  it('leaves every table equal to a fresh load with the new mapping: old rows gone, none twice, new ones in', async () => {
    const v1 = loadMapping(V1);
    const v2 = loadMapping(V2);
    const db = seedContacts(300);
    const fresh = copyOf(db);
    expect((await load(db, v1.spec)).counts.succeeded).toBe(300);
    expect(targetRows(db).phone).toHaveLength(600); // two old phones a record

    const report = await load(db, v2.spec, 'all');
    expect(report.counts).toMatchObject({ read: 300, succeeded: 300, failed: 0 });
    await load(fresh, v2.spec);
    const expected = targetRows(fresh);
    expect(expected.phone).toHaveLength(450); // 0 + 1 + 2 + 3 new phones every four records
    expect(targetRows(db)).toEqual(expected);
    expect(new Set(logRows(db).map((r) => r[3]))).toEqual(new Set([v2.version]));
  });
});
