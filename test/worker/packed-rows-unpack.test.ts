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
  // Longer than a length character can say: carried as a value of its own.
  [6, 'y'.repeat(70_000), null, 0],
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
  it('read the same across the chunks their text is cut into, from any row', () => {
    // 200 records, 2 rows each, about 1,000 characters a record: four chunks or so.
    const c = new RowCollector(TABLES, 200);
    const expected: unknown[] = [];
    for (let i = 0; i < 200; i++) {
      c.begin(i + 1);
      // Each record's first string is one character: a chunk's first value may be that short.
      const rows = [
        [i, 'z', i % 3 ? 1.5 : null, i % 2],
        [-i, i % 7 ? `${i}é`.repeat(900 / `${i}é`.length) : '', null, 1],
      ];
      for (const [n, s, x, ok] of rows) c.emit('t', { n, s, x, ok: ok === 1 });
      expected.push(...rows.flat());
      c.end(i, true);
    }
    const p = structuredClone(c.packed()[0]!);
    expect(p.texts.length).toBeGreaterThan(2);
    expect(unpackValues(p)).toEqual(expected);
    const rows = tableRowsOf(p);
    for (let a = 0; a < 400; a++) {
      for (const b of [a, a + 1, a + 13, a + 64, 400]) {
        if (b <= 400) expect(rowValues(rows, 4, a, b)).toEqual(expected.slice(a * 4, b * 4));
      }
    }
  });
});
