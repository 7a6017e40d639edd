import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { conversionError, convert } from '../helpers/convert.js';

describe('text columns', () => {
  it('numbers, booleans, bigints and Dates become their text', () => {
    expect([12, true, 12n, new Date('2020-01-02T03:04:05Z')].map((v) => convert(v, column.text()))).toEqual(['12', 'true', '12', '2020-01-02T03:04:05.000Z']);
  });

  it('maxLength counts characters and allows exactly maxLength', () => {
    expect(convert('héllo', column.text({ maxLength: 5 }))).toBe('héllo');
    expect(conversionError('héllo!', column.text({ maxLength: 5 })).expected).toBe('text of at most 5 characters (it has 6)');
  });

  it('an object is not text', () => {
    expect(conversionError({ a: 1 }, column.text()).expected).toBe('text (a string, number, boolean or Date)');
  });
});
