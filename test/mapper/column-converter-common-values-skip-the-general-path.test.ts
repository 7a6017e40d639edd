import { beforeEach, describe, expect, it, vi } from 'vitest';
import { column, type ColumnDef } from '../../src/mapper/column.js';
import { columnConverter } from '../../src/mapper/column-converter.js';
import type * as convertModule from '../../src/mapper/convert.js';
import { convertCell } from '../../src/mapper/convert.js';
import { XmlField } from '../../src/xml/index.js';

// Watch the general converter: the per-column converter must not need it for common values.
vi.mock('../../src/mapper/convert.js', async (importOriginal) => {
  const real = await importOriginal<typeof convertModule>();
  return { ...real, convertCell: vi.fn(real.convertCell) };
});

const general = vi.mocked(convertCell);
beforeEach(() => {
  general.mockClear();
});

/** A column, the values in its common form that convert without the general path, and what they become. */
const COMMON: [string, ColumnDef, [unknown, unknown][]][] = [
  ['text', column.text(), [['abc', 'abc'], ['', ''], [' x ', ' x ']]],
  ['text(3)', column.text({ maxLength: 3 }), [['abc', 'abc'], ['ab', 'ab']]],
  ['integer', column.integer(), [['0', 0], ['42', 42], ['-7', -7], ['007', 7], ['123456789012345', 123456789012345]]],
  ['decimal(6,2)', column.decimal({ precision: 6, scale: 2 }), [['1234.56', '1234.56'], ['-1234.5', '-1234.5'], ['12', '12'], ['0.07', '0.07']]],
  ['decimal (18,2 by default)', column.decimal(), [['1234567890123456.78', '1234567890123456.78']]],
  ['boolean', column.boolean(), [['true', 1], ['false', 0], ['1', 1], ['0', 0], ['Y', 1], ['N', 0], ['y', 1], ['n', 0], ['yes', 1], ['no', 0]]],
  ['date', column.date(), [['2024-02-29', '2024-02-29'], ['2000-02-29', '2000-02-29'], ['2023-12-31', '2023-12-31'], ['2023-04-30', '2023-04-30'], ['2023-01-31', '2023-01-31'], ['0001-01-01', '0001-01-01'], ['0000-01-01', '0000-01-01']]],
  ['nullable integer', column.integer({ nullable: true }), [[undefined, null], [null, null]]],
  ['nullable date', column.date({ nullable: true }), [[undefined, null], [null, null]]],
];

/** Values the fast path must hand to the general one: its result (or error) is the reference. */
const UNCOMMON: [string, ColumnDef, unknown[]][] = [
  ['text(3)', column.text({ maxLength: 3 }), ['abcd', 12, null]],
  ['integer', column.integer(), ['', '-', ' 42', '+5', '1234567890123456', '12a', 42, null, undefined]],
  ['bigint', column.bigint(), ['42', '9007199254740993']],
  ['number', column.number(), ['3.5']],
  ['decimal(6,2)', column.decimal({ precision: 6, scale: 2 }), ['12345.6', '1.234', '12.', '1.2a', '+1.5', '.5', '', 'a.12']],
  ['boolean', column.boolean(), ['TRUE', 'T', 'maybe', 'toString', 1]],
  ['date', column.date(), ['2023-13-01', '2023-00-10', '2023-02-29', '1900-02-29', '2023-04-31', '2023-01-32', '2023-01-00', '2023/01/05', '2023/01-05', '2023-01/05', '2023-1-005', '20230-1-05', 'abcd-01-05', '2023-0a-05', '20/3-01-05', '2023-01-1/', ' 2023-01-05',
    '2023-04-31', '2023-06-31', '2023-09-31', '2023-11-31']],
  ['date MM/DD/YYYY', column.date({ format: 'MM/DD/YYYY' }), ['2023-01-05', '01/05/2023']],
  ['timestamp', column.timestamp(), ['2023-01-05T10:00:00Z']],
];

describe('a column converter', () => {
  it.each(COMMON)('converts common %s values itself, without the general converter', (_name, def, cases) => {
    const convert = columnConverter({ ...def, name: 'c' }, 't');
    for (const [input, expected] of cases) {
      expect(convert(input), String(input)).toEqual(expected);
      expect(convert(new XmlField(input as string | undefined, '/R/@c')), `field ${String(input)}`).toEqual(expected);
    }
    expect(general).not.toHaveBeenCalled();
  });

  it.each(UNCOMMON)('hands other %s values to the general converter', (_name, def, inputs) => {
    const col = { ...def, name: 'c' };
    const convert = columnConverter(col, 't');
    for (const input of inputs) {
      general.mockClear();
      let reference: unknown;
      try {
        reference = { value: convertCell(input, col, 't') };
      } catch (error) {
        reference = { error: (error as Error).message };
      }
      general.mockClear();
      let got: unknown;
      try {
        got = { value: convert(input) };
      } catch (error) {
        got = { error: (error as Error).message };
      }
      expect(got, String(input)).toEqual(reference);
      expect(general, String(input)).toHaveBeenCalledTimes(1);
    }
  });
});
