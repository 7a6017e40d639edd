import { describe, expect, it } from 'vitest';
import type { MappingSpec } from 'sluice';
import { loadContacts, loadMapping, logRows, seedContacts, V1, V2 } from './contacts.js';

const load = (file: string, mapper: MappingSpec, reprocess?: 'all') =>
  loadContacts(file, mapper, { batchSize: 25, ...(reprocess && { reprocess }) });

describe('reprocess and the log', () => {
  it('replaces each succeeded entry in the transaction of its rows: attempts + 1, the new mapping version', async () => {
    const v1 = loadMapping(V1);
    const v2 = loadMapping(V2);
    const db = seedContacts(60);
    await load(db, v1.spec);
    expect(logRows(db)).toEqual(Array.from({ length: 60 }, (_, i) => [i + 1, 'succeeded', 1, v1.version]));
    await load(db, v2.spec, 'all');
    expect(logRows(db)).toEqual(Array.from({ length: 60 }, (_, i) => [i + 1, 'succeeded', 2, v2.version]));
    await load(db, v2.spec, 'all');
    expect(logRows(db).map((r) => r[2])).toEqual(new Array(60).fill(3));
  });
});
