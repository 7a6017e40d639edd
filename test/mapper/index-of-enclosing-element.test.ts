import { describe, expect, it } from 'vitest';
import { defineMapping, parseXml, type MappingSpec, type RecordKey } from 'sluice';

const spec: MappingSpec = {
  tables: {
    payment: {
      from: 'Loan/Payment',
      keyColumn: 'id',
      columns: {
        id: { type: 'integer', nullable: false, value: '$key' },
        loan: { type: 'integer', nullable: false, value: '$index', of: 'Loan' },
        n: { type: 'integer', nullable: false, value: '$index' },
        due: { type: 'date', nullable: false, path: '@due' },
      },
    },
  },
};

function rows(xml: string, key: RecordKey = 1): unknown[] {
  const out: unknown[] = [];
  defineMapping(spec).map(parseXml(xml), { key, emit: (_t, row) => out.push(row), skip: () => {} });
  return out;
}

describe("a mapping column { value: '$index', of: PATH }", () => {
  it('is the position of the enclosing element among those PATH selects: the parent row of a nested table', () => {
    const xml = '<A><Loan><Payment due="d1"/><Payment due="d2"/></Loan><Loan/><Loan><Payment due="d3"/></Loan></A>';
    const r = rows(xml).map((row) => {
      const { id, loan, n } = row as { id: number; loan: number; n: number };
      return [id, loan, n];
    });
    expect(r).toEqual([[1, 1, 1], [1, 1, 2], [1, 3, 3]]);
  });

  it('is refused without $index, and keyColumn must be a $key column', () => {
    const bad = (c: object) => () => defineMapping({ tables: { t: { from: '.', columns: { c: { type: 'integer', nullable: false, path: '@x', ...c } } } } });
    expect(bad({ of: 'Loan' })).toThrow(/mapping t.c: "of" goes with value '\$index'/);
    expect(() => defineMapping({ tables: { t: { from: '.', keyColumn: 'c', columns: { c: { type: 'integer', nullable: false, path: '@x' } } } } })).toThrow(
      /mapping t: keyColumn "c" must be one of its columns, with value '\$key'/,
    );
  });
});
