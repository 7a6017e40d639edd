import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { arrayLiteral, arrayLiteralOf } from '../../src/adapters/postgres/postgres-array-literal.js';

// pg's own serializer of a parameter: what it sent for a column array before.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => unknown };

const awkward = ['', 'plain', 'say "hi"', 'back\\slash', '\\"', 'NULL', 'null', ' spaced ', 'a,b', '{braces}', 'line\nbreak', 'tab\t', 'ünïcödé 日本', '😀', "it's"];

describe('a column as a PostgreSQL array literal', () => {
  it.each([
    ['strings that need quoting and escaping', awkward],
    ['strings and nulls', ['a', null, undefined, 'b', null]],
    ['a NULL first', [null, 'a', 'say "x"']],
    ['nothing but NULLs', [null, undefined, null]],
    ['one element', ['only']],
    ['integers, floats, negatives, large and special numbers', [0, 1, -42, 3.5, 1e21, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, -0]],
    ['bigints', [0n, 9007199254740993n, -12345678901234567890n]],
    ['booleans', [true, false, null]],
    ['an empty column', []],
  ])('is what pg writes for %s', (_, values) => {
    expect(arrayLiteral(values)).toBe(prepareValue(values));
  });

  it('takes column c of row-major rows across ranges', () => {
    const a = ['k1', 'x "1"', 1, 'k2', null, 2];
    const b = ['k3', 'z\\3', 3, 'k4', 'w', 4];
    const ranges = [[a, 0, 2], [b, 1, 2]] as const;
    expect(arrayLiteralOf(ranges, 3, 0)).toBe(prepareValue(['k1', 'k2', 'k4']));
    expect(arrayLiteralOf(ranges, 3, 1)).toBe(prepareValue(['x "1"', null, 'w']));
    expect(arrayLiteralOf(ranges, 3, 2)).toBe(prepareValue([1, 2, 4]));
  });

  it.each([
    ['a Buffer', Buffer.from('ab')],
    ['a Date', new Date(0)],
    ['an object', { a: 1 }],
  ])('leaves a column holding %s to pg', (_, value) => {
    expect(arrayLiteral(['x', value])).toBeUndefined();
  });
});
