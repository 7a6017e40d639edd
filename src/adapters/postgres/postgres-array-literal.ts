import type { RowRange } from '../../sink/kept-row-ranges.js';

/** An element that must be escaped in an array literal: it holds a backslash or a double quote. */
const NEEDS_ESCAPE = /[\\"]/;

/**
 * Column `column` of the rows of `ranges` (row-major, `width` values a row) as a PostgreSQL array
 * literal, character for character what pg's own `prepareValue` writes for the array (every
 * element quoted, `\` and `"` escaped, null and undefined as NULL), for the kinds of value a
 * mapper's columns hold: strings, numbers, bigints, booleans. Undefined when a value is of
 * another kind (a Buffer, a Date, an object): pg writes that column itself then.
 *
 * pg escapes each element with two regular-expression replacements and builds it by
 * concatenation, after a type dispatch; on 20,000 attribute-heavy records into PostgreSQL that
 * was about 1 s of the main thread's time (docs/bench.md). This tests each element once and
 * joins the elements once: a literal built by `+=` is a chain of a string object per piece, all
 * alive until the statement is sent, and the young generation's collections copied those chains
 * again and again (docs/bench.md).
 *
 * ```ts
 * arrayLiteralOf([[['a', 'say "hi"', null], 0, 3]], 1, 0); // '{"a","say \\"hi\\"",NULL}'
 * ```
 */
export function arrayLiteralOf(ranges: readonly RowRange[], width: number, column: number): string | undefined {
  // The elements as they go between quotes (escaped), null for NULL.
  const items: (string | null)[] = [];
  let n = 0;
  let nulls = false;
  for (const [values, a, b] of ranges) {
    for (let r = a; r < b; r++) {
      const v = values[r * width + column];
      if (v === null || v === undefined) {
        items[n++] = null;
        nulls = true;
        continue;
      }
      let s: string;
      switch (typeof v) {
        case 'string':
          s = v;
          break;
        case 'number':
        case 'bigint':
        case 'boolean':
          s = String(v);
          break;
        default:
          return undefined;
      }
      items[n++] = NEEDS_ESCAPE.test(s) ? s.replace(/[\\"]/g, '\\$&') : s;
    }
  }
  if (n === 0) return '{}';
  return nulls ? withNulls(items) : `{"${items.join('","')}"}`;
}

/** The literal of elements some of which are NULL (unquoted): the pieces gathered, then joined once. */
function withNulls(items: readonly (string | null)[]): string {
  const parts: string[] = [];
  let k = 0;
  parts[k++] = '{';
  for (const s of items) {
    if (k > 1) parts[k++] = ',';
    if (s === null) {
      parts[k++] = 'NULL';
    } else {
      parts[k++] = '"';
      parts[k++] = s;
      parts[k++] = '"';
    }
  }
  parts[k++] = '}';
  return parts.join('');
}

/** `values` as a PostgreSQL array literal (`arrayLiteralOf`), or undefined. */
export function arrayLiteral(values: readonly unknown[]): string | undefined {
  return arrayLiteralOf([[values, 0, values.length]], 1, 0);
}
