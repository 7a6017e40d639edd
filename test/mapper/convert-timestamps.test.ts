import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { conversionError, convert } from '../helpers/convert.js';

describe('timestamp columns', () => {
  it.each([
    [column.timestamp(), '2020-01-02T10:00:00Z', '2020-01-02T10:00:00.000Z'],
    [column.timestamp(), ' 2020-01-02T10:00:00.5Z ', '2020-01-02T10:00:00.500Z'],
    [column.timestamp(), '2020-01-02 10:00+0200', '2020-01-02T08:00:00.000Z'],
    [column.timestamp(), '2020-01-02T10:00:00-05:30', '2020-01-02T15:30:00.000Z'],
    [column.timestamp(), '2020-01-02', '2020-01-02T00:00:00.000Z'],
    [column.timestamp({ format: 'DD.MM.YYYY' }), '2.1.2020', '2020-01-02T00:00:00.000Z'],
    [column.timestamp(), new Date('2020-01-02T10:00:00Z'), '2020-01-02T10:00:00.000Z'],
  ])('%o: %o is %s', (def, input, expected) => {
    expect(convert(input, def)).toBe(expected);
  });

  it.each(['yesterday', '2020-01-02T10', '2020-01-02T25:00Z', '2020-01-02T10:00:00+2', 'x2020-01-02T10:00Z', '2020-01-02T10:00Zx', 1_577_959_200_000])(
    '%o fails',
    (input) => {
      expect(conversionError(input, column.timestamp()).expected).toBe('a timestamp (ISO 8601)');
    },
  );

  it('a date column takes the date part of a Date, in UTC', () => {
    expect(convert(new Date('2020-01-02T23:30:00-02:00'), column.date())).toBe('2020-01-03');
    expect(conversionError(20200102, column.date()).expected).toBe('a date (YYYY-MM-DD)');
    expect(convert('0999-01-02', column.date())).toBe('0999-01-02');
    expect(convert('1/2/0999', column.date({ format: 'MM/DD/YYYY' }))).toBe('0999-01-02');
  });
});
