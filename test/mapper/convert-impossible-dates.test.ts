import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { PATH, conversionError, convert } from '../helpers/convert.js';

describe('impossible dates fail their record', () => {
  it.each([
    ['2023-13-01', column.date()],
    ['2023-00-10', column.date()],
    ['2023-01-00', column.date()],
    ['2023-01-32', column.date()],
    ['2023-04-31', column.date()],
    ['2023-06-31', column.date()],
    ['2023-09-31', column.date()],
    ['2023-11-31', column.date()],
    ['2023-02-29', column.date()],
    ['2100-02-29', column.date()],
    ['13/01/2023', column.date({ format: 'MM/DD/YYYY' })],
    ['31.04.2023', column.date({ format: 'DD.MM.YYYY' })],
  ])('%s is not a date: the error names the column, the XML path and the value', (value, def) => {
    const e = conversionError(value, def, true);
    expect(e.message).toBe(
      `app.c: cannot convert "${value}" at ${PATH} to a date (YYYY-MM-DD${def.format ? ` or ${def.format}` : ''}); fix the source value, or convert it in the mapper`,
    );
    expect([e.table, e.column, e.path, e.value]).toEqual(['app', 'c', PATH, value]);
  });

  it.each(['2023-02-30T10:00:00Z', '2023-13-01T00:00Z', '2023-04-31 08:15:00+02:00', '2023-02-29T12:00Z'])('%s is not a timestamp', (value) => {
    const e = conversionError(value, column.timestamp(), true);
    expect(e.message).toContain(`app.c: cannot convert "${value}" at ${PATH} to a timestamp (ISO 8601)`);
    expect(e.value).toBe(value);
  });

  it('the last day of every month, and 29 February of leap years, are dates', () => {
    const last = ['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30', '2023-05-31', '2023-06-30', '2023-07-31', '2023-08-31', '2023-09-30', '2023-10-31', '2023-11-30', '2023-12-31'];
    expect(last.map((d) => convert(d, column.date()))).toEqual(last);
    expect(['2024-02-29', '2000-02-29'].map((d) => convert(d, column.date()))).toEqual(['2024-02-29', '2000-02-29']);
    expect(convert('2024-02-29T23:59:59Z', column.timestamp())).toBe('2024-02-29T23:59:59.000Z');
  });

  it('an invalid Date object fails too', () => {
    expect(conversionError(new Date(Number.NaN), column.date()).expected).toBe('a date');
    expect(conversionError(new Date(Number.NaN), column.timestamp()).expected).toBe('a timestamp');
  });
});
