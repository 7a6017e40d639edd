import { XmlField } from '../xml/index.js';
import type { ColumnDef } from './column.js';
import { convertCell } from './convert.js';

/** Converts one mapper value for one column; throws SluiceConversionError as `convertCell` does. */
export type ColumnConverter = (input: unknown) => unknown;

/**
 * The converter of one column, chosen once per table instead of a type switch per cell. Each
 * handles the common case (a well-formed string, or an absent value in a nullable column)
 * inline and hands everything else to `convertCell`, so that the result and every error message
 * (table.column, XML path, value) are exactly `convertCell`'s. The XML path is worked out only
 * when a value fails.
 */
export function columnConverter(col: ColumnDef & { readonly name: string }, table: string): ColumnConverter {
  const slow: ColumnConverter = (input) => convertCell(input, col, table);
  const fast = FAST[col.type](col);
  const nullable = col.nullable;
  return (input) => {
    const value = input instanceof XmlField ? input.value : input;
    if (typeof value === 'string') {
      const out = fast(value);
      if (out !== undefined) return out;
    } else if (value === undefined || value === null) {
      if (nullable) return null;
    }
    return slow(input);
  };
}

/** Per type: the converted value of a string in the common form, or undefined to take the slow path. */
const FAST: Readonly<Record<ColumnDef['type'], (col: ColumnDef) => (s: string) => unknown>> = {
  text: ({ maxLength }) => (s) => (maxLength === undefined || s.length <= maxLength ? s : undefined),
  integer: () => (s) => (s.length < 16 && isDigits(s, s.charCodeAt(0) === 45 ? 1 : 0) ? Number(s) : undefined),
  bigint: () => () => undefined,
  number: () => () => undefined,
  decimal: ({ precision = 18, scale = 2 }) => (s) => (isPlainDecimal(s, precision - scale, scale) ? s : undefined),
  boolean: () => (s) => BOOLEAN_TEXT[s],
  date: ({ format }) => (s) => (format === undefined && isIsoDate(s) ? s : undefined),
  timestamp: () => () => undefined,
};

const BOOLEAN_TEXT: Readonly<Record<string, 1 | 0>> = Object.assign(Object.create(null) as Record<string, 1 | 0>, {
  true: 1, false: 0, '1': 1, '0': 0, Y: 1, N: 0, y: 1, n: 0, yes: 1, no: 0,
});

/** Whether s[from, to) is one or more ASCII digits. */
function isDigits(s: string, from: number, to = s.length): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `-?digits(.digits)?` with at most `intDigits` before the point and `scale` after it. */
function isPlainDecimal(s: string, intDigits: number, scale: number): boolean {
  const start = s.charCodeAt(0) === 45 ? 1 : 0;
  let dot = s.indexOf('.', start);
  if (dot === -1) dot = s.length;
  else if (s.length - dot - 1 > scale || !isDigits(s, dot + 1)) return false;
  return dot - start <= intDigits && isDigits(s, start, dot);
}

/** `YYYY-MM-DD`, a real calendar date. */
function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1) return false;
  const days = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** The number written by the digits s[from, to), or -1. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}
