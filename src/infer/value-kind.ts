import { parseDate } from '../mapper/convert.js';

/** What one text value looks like, from the narrowest column type that holds it to text. */
export type ValueKind = 'empty' | 'boolean' | 'integer' | 'bigint' | 'decimal' | 'number' | 'date' | 'timestamp' | 'text';

/** One value classified, with what its column type must hold. */
export interface ValueShape {
  readonly kind: ValueKind;
  /** Characters, as written (text columns keep values untrimmed). */
  readonly length: number;
  /** For integer/bigint/decimal: digits before the point, leading zeros not counted. */
  readonly intDigits: number;
  /** For decimal: digits after the point. */
  readonly scale: number;
}

const INT32_MAX = 2_147_483_647n;
const INT64_MAX = 9_223_372_036_854_775_807n;
const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no']);
// The timestamp form convertCell accepts.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Classifies a value as a column type would have to hold it. Numbers written with leading zeros
 * (`007`, a postcode, an account number) are text: a numeric column would drop the zeros.
 * Booleans are words only (`true`/`false`/`yes`/`no`): `1`/`0` and `Y`/`N` are as likely to be codes.
 */
export function classifyValue(raw: string): ValueShape {
  const t = raw.trim();
  const shape = (kind: ValueKind, intDigits = 0, scale = 0): ValueShape => ({ kind, length: raw.length, intDigits, scale });
  if (t === '') return shape('empty');
  if (BOOLEAN_WORDS.has(t.toLowerCase())) return shape('boolean');
  const int = /^[+-]?(\d+)$/.exec(t);
  if (int) {
    const digits = int[1]!;
    if (digits.length > 1 && digits[0] === '0') return shape('text');
    const n = BigInt(t);
    const abs = n < 0n ? -n : n;
    return shape(abs <= INT32_MAX ? 'integer' : abs <= INT64_MAX ? 'bigint' : 'decimal', digits.length);
  }
  const dec = /^[+-]?(\d*)\.(\d+)$/.exec(t);
  if (dec) {
    const whole = dec[1]!.replace(/^0+/, '');
    if (dec[1]!.length > 1 && dec[1]![0] === '0') return shape('text');
    return shape('decimal', whole.length, dec[2]!.length);
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(t) && Number.isFinite(Number(t))) return shape('number');
  if (parseDate(t) !== undefined) return shape('date');
  if (TIMESTAMP.test(t) && !Number.isNaN(Date.parse(t.replace(' ', 'T')))) return shape('timestamp');
  return shape('text');
}
