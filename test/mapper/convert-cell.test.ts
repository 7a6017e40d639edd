import { describe, expect, it } from 'vitest';
import { SluiceConversionError, XmlField, column, type ColumnDef } from 'sluice';
import { convertCell } from '../../src/mapper/convert.js';

const col = (def: ColumnDef) => ({ ...def, name: 'c' });
const field = (value: string | undefined) => new XmlField(value, '/App/Amount');

describe('convertCell', () => {
  it.each([
    [column.integer(), ' 42 ', 42],
    [column.integer(), -7, -7],
    [column.bigint(), '9007199254740993', '9007199254740993'],
    [column.number(), '1.5e3', 1500],
    [column.decimal({ precision: 12, scale: 2 }), ' 12500.00 ', '12500.00'],
    [column.text({ maxLength: 5 }), 'héllo', 'héllo'],
    [column.text(), 12, '12'],
    [column.boolean(), 'Y', 1],
    [column.boolean(), 'false', 0],
    [column.boolean(), true, 1],
    [column.date(), '2024-02-29', '2024-02-29'],
    [column.date({ format: 'MM/DD/YYYY' }), '2/3/2020', '2020-02-03'],
    [column.date(), new Date('2020-01-02T10:00:00Z'), '2020-01-02'],
    [column.timestamp(), '2020-01-02 10:00:00+02:00', '2020-01-02T08:00:00.000Z'],
    [column.integer({ nullable: true }), '', null],
    [column.date({ nullable: true }), undefined, null],
  ])('%o converts %o to %o', (def, input, expected) => {
    expect(convertCell(input, col(def), 't')).toEqual(expected);
    // The same text read from a document converts the same way.
    if (typeof input === 'string') expect(convertCell(field(input), col(def), 't')).toEqual(expected);
  });

  it.each([
    [column.integer(), '12,5O0', 'an integer'],
    [column.integer(), '1.5', 'an integer'],
    [column.number(), 'abc', 'a number'],
    [column.decimal({ scale: 2 }), '1.234', 'at most 2 digits after the point'],
    [column.decimal({ precision: 4, scale: 2 }), '123.45', 'a decimal(4,2)'],
    [column.decimal(), '$8,400', 'a decimal number'],
    [column.date(), '2023-02-30', 'a date (YYYY-MM-DD)'],
    [column.date(), '13/45/2020', 'a date (YYYY-MM-DD)'],
    [column.boolean(), 'maybe', 'a boolean'],
    [column.text({ maxLength: 3 }), 'abcd', 'text of at most 3 characters (it has 4)'],
    [column.integer(), undefined, 'a non-null integer (the column is not nullable)'],
  ])('%o rejects %o, naming table.column, the XML path, the value and what was expected', (def, input, expected) => {
    let error: unknown;
    try {
      convertCell(field(input), { ...def, name: 'amount' }, 'app_base');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SluiceConversionError);
    const e = error as SluiceConversionError;
    expect(e.message).toContain('app_base.amount: cannot convert');
    expect(e.message).toContain('at /App/Amount');
    expect(e.message).toContain(expected);
    expect(e.message).toContain(input === undefined || input === null ? 'declare the column nullable if the value may be absent' : 'fix the source value, or convert it in the mapper');
    expect(e.path).toBe('/App/Amount');
  });
});
