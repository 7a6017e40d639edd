import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { conversionError, convert } from '../helpers/convert.js';

describe('integer and bigint columns', () => {
  it.each([
    [' 42 ', 42],
    ['+7', 7],
    ['-0012', -12],
    [-7, -7],
    [5n, 5],
    ['9007199254740991', 9007199254740991],
  ])('integer: %o converts to %o', (input, expected) => {
    expect(convert(input, column.integer())).toBe(expected);
  });

  it.each([
    [1.5, 'an integer'],
    [2 ** 53, 'an integer'],
    [2n ** 60n, 'an integer within ±2^53'],
    ['9007199254740993', 'an integer within ±2^53'],
    ['1.5', 'an integer'],
    ['1 2', 'an integer'],
    ['   ', 'an integer'],
    ['-', 'an integer'],
    ['12a', 'an integer'],
    ['/', 'an integer'],
    [':', 'an integer'],
    [true, 'an integer'],
  ])('integer: %o fails, expecting %s', (input, expected) => {
    expect(conversionError(input, column.integer()).expected).toBe(expected);
  });

  it.each([
    ['42', 42],
    [' 9007199254740993 ', '9007199254740993'],
    ['-9223372036854775808', '-9223372036854775808'],
    [12n, '12'],
    [2n ** 62n, '4611686018427387904'],
    [-3, -3],
  ])('bigint: %o converts to %o (a string beyond ±2^53, so no digit is lost)', (input, expected) => {
    expect(convert(input, column.bigint())).toBe(expected);
  });

  it.each([
    [2 ** 53, 'a 64-bit integer'],
    [0.5, 'a 64-bit integer'],
    ['1e3', 'a 64-bit integer'],
    [false, 'a 64-bit integer'],
  ])('bigint: %o fails, expecting %s', (input, expected) => {
    expect(conversionError(input, column.bigint()).expected).toBe(expected);
  });
});
