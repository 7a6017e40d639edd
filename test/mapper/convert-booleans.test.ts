import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { conversionError, convert } from '../helpers/convert.js';

describe('boolean columns', () => {
  it.each([
    ['true', 1], ['false', 0], ['1', 1], ['0', 0], ['yes', 1], ['no', 0],
    ['y', 1], ['n', 0], ['t', 1], ['f', 0], [' YES ', 1], ['N', 0],
    [true, 1], [false, 0], [1, 1], [0, 0],
  ])('%o is stored as %d', (input, expected) => {
    expect(convert(input, column.boolean())).toBe(expected);
  });

  it.each(['maybe', '2', 'on', 2, new Date(0)])('%o fails, listing the accepted spellings', (input) => {
    expect(conversionError(input, column.boolean()).expected).toBe('a boolean (true/false, 1/0, yes/no, Y/N)');
  });
});
