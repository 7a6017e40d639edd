import { describe, expect, it } from 'vitest';
import { rowBytesOf, type MappedBatch } from '../../src/worker/mapped-batch.js';

const batch = (fields: Partial<MappedBatch>): MappedBatch => ({
  keys: [1, 2, 3],
  status: new Uint8Array(3),
  messages: [null, null, null],
  rows: [],
  bytes: 0,
  stats: { threadId: 1, parseMicros: 0, mapMicros: 0, startedAt: 0, finishedAt: 0 },
  ...fields,
});

describe('rowBytesOf', () => {
  it('gives the worker\'s estimate per record, or else shares the batch\'s bytes by each record\'s rows, all tables together', () => {
    const recordBytes = new Float64Array([10, 0, 30]);
    expect(rowBytesOf(batch({ recordBytes }))).toBe(recordBytes);
    // Record 1: 1 + 1 rows, record 2: none, record 3: 2 rows of the first table.
    const rows = [
      { values: [], ends: new Int32Array([1, 1, 3]) },
      { values: [], ends: new Int32Array([1, 1, 1]) },
    ];
    expect([...rowBytesOf(batch({ rows, bytes: 400 }))]).toEqual([200, 0, 200]);
    expect([...rowBytesOf(batch({ bytes: 0 }))]).toEqual([0, 0, 0]); // failed records only: no rows
  });
});
