import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { conversionError, convert } from '../helpers/convert.js';

describe('number and decimal columns', () => {
  it('number: finite numbers and numeric text, trimmed', () => {
    expect([2.5, ' 2.5 ', '-1e-3', '0x10'].map((v) => convert(v, column.number()))).toEqual([2.5, 2.5, -0.001, 16]);
  });

  it.each([
    [Infinity, 'a finite number'],
    [Number.NaN, 'a finite number'],
    ['Infinity', 'a number'],
    ['  ', 'a number'],
    ['abc', 'a number'],
    [true, 'a number'],
  ])('number: %o fails, expecting %s', (input, expected) => {
    expect(conversionError(input, column.number()).expected).toBe(expected);
  });

  it.each([
    [column.decimal(), ' 12500.00 ', '12500.00'],
    [column.decimal(), '-12.5', '-12.5'],
    [column.decimal(), '+1.25', '+1.25'],
    [column.decimal(), '.5', '.5'],
    [column.decimal(), '5.', '5.'],
    [column.decimal(), 1.25, 1.25],
    [column.decimal({ precision: 5, scale: 2 }), '999.99', '999.99'],
    [column.decimal({ precision: 5, scale: 2 }), '-999.99', '-999.99'],
    [column.decimal({ precision: 5, scale: 2 }), '+999.99', '+999.99'],
    [column.decimal({ scale: 0 }), '1234567890123456789', undefined],
    [column.decimal(), '1234567890123456.78', '1234567890123456.78'],
    [column.decimal({ scale: 4 }), '1.2345', '1.2345'],
  ])('decimal %o: %o converts to %o (text keeps every digit)', (def, input, expected) => {
    if (expected === undefined) expect(conversionError(input, def).expected).toBe('a decimal(18,0)');
    else expect(convert(input, def)).toBe(expected);
  });

  it.each([
    [column.decimal(), Infinity, 'a decimal number'],
    [column.decimal(), true, 'a decimal number'],
    [column.decimal(), '1,5', 'a decimal number such as 1234.56'],
    [column.decimal(), '1.2.3', 'a decimal number such as 1234.56'],
    [column.decimal(), '1.234', 'a decimal with at most 2 digits after the point'],
    [column.decimal({ scale: 0 }), '12.5', 'a decimal with at most 0 digits after the point'],
    [column.decimal({ precision: 5, scale: 2 }), '1000.00', 'a decimal(5,2)'],
    [column.decimal({ precision: 5, scale: 2 }), '-1000', 'a decimal(5,2)'],
    [column.decimal(), '12345678901234567', 'a decimal(18,2)'],
  ])('decimal %o: %o fails, expecting %s', (def, input, expected) => {
    expect(conversionError(input, def).expected).toBe(expected);
  });
});
