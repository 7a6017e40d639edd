import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { toSchemas } from '../../src/mapper/table.js';
import { rowValues, tableRowsOf, unpackValues, type PackedRows } from '../../src/worker/packed-rows.js';
import { RowCollector } from '../../src/worker/row-collector.js';

const TABLES = toSchemas({
  t: { columns: { n: column.integer(), s: column.text({ nullable: true }), x: column.number({ nullable: true }), ok: column.boolean() } },
});

/** Rows of every kind of value: strings empty, Latin-1 and beyond, and very long, NULLs, numbers, booleans as 1/0. */
const ROWS = [
  [1, 'Zoë', 0.1, 1],
  [2, '', null, 0],
  [3, null, 7e300, 1],
  [4, 'Łukasz 😀 and more than thirteen', null, 0],
  [5, 'x', -1.5, 1],
  // As long as a length character cannot say (0xFFFF marks a value carried apart): carried apart.
  [6, 'y'.repeat(0xffff), null, 0],
] as const;

function packed(): PackedRows {
  const c = new RowCollector(TABLES, 3);
  c.begin(1);
  for (const [n, s, x, ok] of ROWS.slice(0, 2)) c.emit('t', { n, s, x, ok: ok === 1 });
  c.end(0, true);
  // A failed record's rows are undone: none of its values is packed.
  c.begin(2);
  c.emit('t', { n: 99, s: 'dropped', x: 99.5, ok: true });
  c.end(1, false);
  c.begin(3);
  for (const [n, s, x, ok] of ROWS.slice(2)) c.emit('t', { n, s, x, ok: ok === 1 });
  c.end(2, true);
  return structuredClone(c.packed()[0]!);
}

describe('packed rows', () => {
  it('unpack to the values the mapper emitted, converted, row-major', () => {
    const p = packed();
    expect(unpackValues(p)).toEqual(ROWS.flat());
    expect([...p.ends]).toEqual([2, 2, 6]);
    expect(tableRowsOf(p).values).toEqual(ROWS.flat());
  });

  it('unpack any range of rows alone, as a slice of all the values', () => {
    const rows = tableRowsOf(packed());
    const plain = { values: ROWS.flat(), ends: rows.ends };
    for (let a = 0; a <= ROWS.length; a++) {
      for (let b = a; b <= ROWS.length; b++) {
        expect(rowValues(rows, 4, a, b)).toEqual(ROWS.flat().slice(a * 4, b * 4));
        expect(rowValues(plain, 4, a, b)).toEqual(ROWS.flat().slice(a * 4, b * 4));
      }
    }
  });
});

describe('packed rows of many records', () => {
  it('read the same from any row, and carry each string once', () => {
    // 1,100 records, 2 rows each, about 900 characters a record: 8,800 values.
    const N = 1100;
    const c = new RowCollector(TABLES, N);
    const expected: unknown[] = [];
    for (let i = 0; i < N; i++) {
      c.begin(i + 1);
      const rows = [
        [i, 'z', i % 3 ? 1.5 : null, i % 2],
        [-i, i % 7 ? `${i}é`.repeat(900 / `${i}é`.length) : '', null, 1],
      ];
      for (const [n, s, x, ok] of rows) c.emit('t', { n, s, x, ok: ok === 1 });
      expected.push(...rows.flat());
      c.end(i, true);
    }
    const p = structuredClone(c.packed()[0]!);
    // The strings once each, in order, as UTF-16 code units.
    const text = expected.filter((v) => typeof v === 'string').join('');
    expect(Buffer.from(p.text.buffer, p.text.byteOffset, p.text.byteLength).toString('utf16le')).toBe(text);
    expect(p.text.byteLength).toBe(2 * text.length);
    expect(unpackValues(p)).toEqual(expected);
    const rows = tableRowsOf(p);
    for (let a = 0; a < 2 * N; a++) {
      for (const b of [a, a + 1, a + 13, a + 64]) {
        if (b <= 2 * N) expect(rowValues(rows, 4, a, b)).toEqual(expected.slice(a * 4, b * 4));
      }
    }
    expect(rowValues(rows, 4, 0, 2 * N)).toEqual(expected);
  });

  it('read from any row when no value is a string', () => {
    const c = new RowCollector(toSchemas({ t: { columns: { n: column.integer(), x: column.number({ nullable: true }) } } }), 2);
    for (const i of [0, 1]) {
      c.begin(i + 1);
      c.emit('t', { n: 10 * i + 1, x: null });
      c.emit('t', { n: 10 * i + 2, x: 0.5 });
      c.end(i, true);
    }
    const rows = tableRowsOf(structuredClone(c.packed()[0]!));
    expect(rowValues(rows, 2, 1, 4)).toEqual([2, 0.5, 11, null, 12, 0.5]);
  });
});
