import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { PATH, conversionError, convert } from '../helpers/convert.js';

describe("'' against NULL", () => {
  it("an empty element is '' in a text column, nullable or not: it is a value, not a missing one", () => {
    expect(convert('', column.text(), true)).toBe('');
    expect(convert('', column.text({ nullable: true }), true)).toBe('');
    expect(convert('', column.text())).toBe('');
  });

  it('a missing element is NULL in a nullable text column and fails a non-nullable one', () => {
    expect(convert(undefined, column.text({ nullable: true }), true)).toBeNull();
    expect(convert(null, column.text({ nullable: true }))).toBeNull();
    const e = conversionError(undefined, column.text(), true);
    expect(e.message).toBe(`app.c: cannot convert null at ${PATH} to a non-null text (the column is not nullable); fix the source value, or declare the column nullable if the value may be absent`);
  });

  it("'' is NULL for every other type: NULL when nullable, else an error that shows the empty value", () => {
    for (const type of ['integer', 'bigint', 'number', 'decimal', 'boolean', 'date', 'timestamp'] as const) {
      expect(convert('', column[type]({ nullable: true }), true)).toBeNull();
      const e = conversionError('', column[type](), true);
      expect(e.value).toBe('');
      expect(e.message).toBe(`app.c: cannot convert "" at ${PATH} to a non-null ${type} (the column is not nullable); fix the source value, or declare the column nullable if the value may be absent`);
    }
  });

  it('a value the mapper computed says so in the error', () => {
    expect(conversionError(null, column.integer()).path).toBe('(value computed by the mapper)');
  });
});
