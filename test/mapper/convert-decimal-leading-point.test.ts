import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { conversionError, convert } from '../helpers/convert.js';

describe('a decimal written with its point first', () => {
  it('.25 is a decimal with no integer digits, and fits decimal(3,2)', () => {
    expect(convert('.25', column.decimal({ precision: 3, scale: 2 }), true)).toBe('.25');
    expect(convert('-.5', column.decimal({ precision: 2, scale: 2 }), true)).toBe('-.5');
  });

  it('.125 has three digits after the point: too many for scale 2', () => {
    expect(conversionError('.125', column.decimal(), true).expected).toBe('a decimal with at most 2 digits after the point');
  });
});
