import { describe, expect, it } from 'vitest';
import { keyRange, type MappingSpec, type Partition } from 'sluice';
import { copyOf, loadContacts, loadMapping, logRows, seedContacts, targetRows, V1, V2 } from './contacts.js';

const load = (file: string, mapper: MappingSpec, o: { reprocess?: 'all'; where?: string; partition?: Partition } = {}) =>
  loadContacts(file, mapper, { batchSize: 30, ...o });

/** Rows of the records `pick` keeps. */
const rowsOf = (file: string, pick: (key: number) => boolean) => {
  const rows = targetRows(file);
  return { person: rows.person.filter((r) => pick((r as { id: number }).id)), phone: rows.phone.filter((r) => pick((r as { person_id: number }).person_id)) };
};

describe('reprocess of some records', () => {
  it('takes only the records of the key range and of --where; the others keep their rows and log entries', async () => {
    const v1 = loadMapping(V1);
    const v2 = loadMapping(V2);
    const db = seedContacts(120);
    const old = copyOf(db);
    const fresh = copyOf(db);
    await load(db, v1.spec);
    await load(old, v1.spec);
    await load(fresh, v2.spec);

    const range = await load(db, v2.spec, { reprocess: 'all', partition: keyRange(41, 80) });
    expect(range.counts.read).toBe(40);
    const where = await load(db, v2.spec, { reprocess: 'all', where: 'app_id > 100 AND app_id % 2 = 0' });
    expect(where.counts.read).toBe(10);

    const chosen = (k: number) => (k >= 41 && k <= 80) || (k > 100 && k % 2 === 0);
    expect(rowsOf(db, chosen)).toEqual(rowsOf(fresh, chosen));
    expect(rowsOf(db, (k) => !chosen(k))).toEqual(rowsOf(old, (k) => !chosen(k)));
    expect(logRows(db).map(([key, , attempts, version]) => [key, attempts, version])).toEqual(
      Array.from({ length: 120 }, (_, i) => (chosen(i + 1) ? [i + 1, 2, v2.version] : [i + 1, 1, v1.version])),
    );
  });
});
