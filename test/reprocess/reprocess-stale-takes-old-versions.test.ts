import { describe, expect, it } from 'vitest';
import { keyRange, type MappingSpec, type Partition } from 'sluice';
import { copyOf, loadContacts, loadMapping, logRows, seedContacts, targetRows, V1, V2 } from './contacts.js';

const load = (file: string, mapper: MappingSpec, reprocess?: 'all' | 'stale', partition?: Partition) =>
  loadContacts(file, mapper, { batchSize: 20, ...(reprocess && { reprocess }), ...(partition && { partition }) });

describe('reprocess stale', () => {
  it('takes only the records an older mapping version loaded, and the records never loaded', async () => {
    const v1 = loadMapping(V1);
    const v2 = loadMapping(V2);
    const db = seedContacts(100);
    const fresh = copyOf(db);
    await load(db, v1.spec, undefined, keyRange(1, 90)); // 91..100 never loaded
    await load(db, v2.spec, 'all', keyRange(1, 30)); // 1..30 already on v2

    const stale = await load(db, v2.spec, 'stale');
    expect(stale.counts).toMatchObject({ read: 70, succeeded: 70 });
    expect(logRows(db).map((r) => r[3])).toEqual(new Array(100).fill(v2.version));
    expect(logRows(db).map((r) => r[2])).toEqual([...new Array(90).fill(2), ...new Array(10).fill(1)]);
    await load(fresh, v2.spec);
    expect(targetRows(db)).toEqual(targetRows(fresh));

    // Nothing is stale any more.
    expect((await load(db, v2.spec, 'stale')).counts.read).toBe(0);
  });
});
