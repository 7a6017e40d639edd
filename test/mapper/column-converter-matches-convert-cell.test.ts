import { describe, expect, it } from 'vitest';
import { column, type ColumnDef } from '../../src/mapper/column.js';
import { columnConverter } from '../../src/mapper/column-converter.js';
import { convertCell } from '../../src/mapper/convert.js';
import { XmlField } from '../../src/xml/index.js';

const COLUMNS: Record<string, ColumnDef> = {
  text: column.text({ maxLength: 5 }),
  nullableText: column.text({ nullable: true }),
  integer: column.integer(),
  nullableInteger: column.integer({ nullable: true }),
  decimal: column.decimal({ precision: 6, scale: 2 }),
  boolean: column.boolean(),
  date: column.date(),
  nullableDate: column.date({ nullable: true }),
  usDate: column.date({ format: 'MM/DD/YYYY' }),
};

const INPUTS: unknown[] = [
  undefined, null, '', ' ', 'abc', 'abcdef', '0', '-0', '7', '-12', '007', ' 42 ', '+5', '-', '3.5', '1e3', '999999999999999', '9999999999999999',
  '1234.56', '12345.6', '1234.567', '-1234.56', '.5', '12.', '1,250.00', '$8', 'true', 'false', 'True', 'Y', 'N', 'y', 'yes', 'no', '1', 'T', 'maybe',
  '2024-02-29', '2023-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '2023-12-31', '0000-01-01', '2023-1-05', '2023-01-05 ', '12/31/2020', 'N/A',
  '２０２３-01-01', 42, 3.5, true, new Date('2020-01-02T00:00:00Z'), 10n,
];

function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (error) {
    return { error: (error as Error).message, name: (error as Error).name };
  }
}

describe('a column converter', () => {
  it('gives exactly what convertCell gives, value or error message, for every input and column', () => {
    for (const [name, def] of Object.entries(COLUMNS)) {
      const col = { ...def, name };
      const convert = columnConverter(col, 't');
      for (const input of INPUTS) {
        for (const cell of [input, new XmlField(typeof input === 'string' ? input : undefined, '/Doc/Item[2]/@v')]) {
          expect(outcome(() => convert(cell)), `${name} ← ${String(cell instanceof XmlField ? cell.value : input)}`).toEqual(outcome(() => convertCell(cell, col, 't')));
        }
      }
    }
  });

  it('names the XML path with its indexes when a field fails', () => {
    const convert = columnConverter({ ...column.date(), name: 'born' }, 'person');
    expect(() => convert(new XmlField('2023-02-30', '/People/Person[3]/BirthDate'))).toThrow(
      'person.born: cannot convert "2023-02-30" at /People/Person[3]/BirthDate to a date (YYYY-MM-DD)',
    );
  });
});
