import { SluiceConversionError } from '../core/errors.js';
import { XmlField } from '../xml/index.js';
import type { ColumnDef } from './column.js';

/** Where a value came from, for error messages. */
const COMPUTED = '(value computed by the mapper)';

/**
 * Converts one mapper value to the neutral wire form every adapter accepts:
 * integers and floats as numbers, bigint and decimal as strings or numbers, booleans as 1/0,
 * dates as 'YYYY-MM-DD', timestamps as ISO 8601 strings, NULL as null.
 */
export function convertCell(input: unknown, col: ColumnDef & { name: string }, table: string): unknown {
  let value = input;
  let path = COMPUTED;
  if (value instanceof XmlField) {
    path = value.path;
    value = value.value;
  }
  if (value === undefined || value === null || (value === '' && col.type !== 'text')) {
    if (col.nullable) return null;
    throw new SluiceConversionError(
      table,
      col.name,
      path,
      value === '' ? '' : null,
      `a non-null ${col.type} (the column is not nullable)`,
      'fix the source value, or declare the column nullable if the value may be absent',
    );
  }
  const fail = (expected: string): never => {
    throw new SluiceConversionError(table, col.name, path, value, expected);
  };
  switch (col.type) {
    case 'text': {
      let s: string;
      if (typeof value === 'string') s = value;
      else if (value instanceof Date) s = value.toISOString();
      else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') s = String(value);
      else return fail('text (a string, number, boolean or Date)');
      if (s.length > (col.maxLength ?? Infinity)) fail(`text of at most ${col.maxLength} characters (it has ${s.length})`);
      return s;
    }
    case 'integer': {
      if (typeof value === 'number') return Number.isSafeInteger(value) ? value : fail('an integer');
      if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : fail('an integer within ±2^53');
      if (typeof value !== 'string' || !isIntegerText(value)) return fail('an integer');
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : fail('an integer within ±2^53');
    }
    case 'bigint': {
      if (typeof value === 'number') return Number.isSafeInteger(value) ? value : fail('a 64-bit integer');
      if (typeof value === 'bigint') return value.toString();
      if (typeof value !== 'string' || !isIntegerText(value)) return fail('a 64-bit integer');
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : value.trim();
    }
    case 'number': {
      if (typeof value === 'number') return Number.isFinite(value) ? value : fail('a finite number');
      if (typeof value !== 'string') return fail('a number');
      const t = value.trim();
      const n = Number(t);
      return t !== '' && Number.isFinite(n) ? n : fail('a number');
    }
    case 'decimal': {
      if (typeof value === 'number') return Number.isFinite(value) ? value : fail('a decimal number');
      if (typeof value !== 'string') return fail('a decimal number');
      const t = value.trim();
      if (!isDecimalText(t)) return fail('a decimal number such as 1234.56');
      const scale = col.scale ?? 2;
      const dot = t.indexOf('.');
      if (dot >= 0 && t.length - dot - 1 > scale) fail(`a decimal with at most ${scale} digits after the point`);
      const digits = (dot >= 0 ? dot : t.length) - (t[0] === '-' || t[0] === '+' ? 1 : 0);
      if (digits > (col.precision ?? 18) - scale) fail(`a decimal(${col.precision ?? 18},${scale})`);
      return t;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (value === 1 || value === 0) return value;
      if (typeof value !== 'string') return fail('a boolean (true/false, 1/0, yes/no, Y/N)');
      const b = BOOLEANS[value.trim().toLowerCase()];
      return b ?? fail('a boolean (true/false, 1/0, yes/no, Y/N)');
    }
    case 'date': {
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? fail('a date') : value.toISOString().slice(0, 10);
      if (typeof value !== 'string') return fail('a date (YYYY-MM-DD)');
      return parseDate(value.trim(), col.format) ?? fail(`a date (YYYY-MM-DD${col.format ? ` or ${col.format}` : ''})`);
    }
    case 'timestamp': {
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? fail('a timestamp') : value.toISOString();
      if (typeof value !== 'string') return fail('a timestamp (ISO 8601)');
      const t = value.trim();
      const d = parseDate(t, col.format);
      if (d !== undefined) return `${d}T00:00:00.000Z`;
      const parts = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
      if (!parts) return fail('a timestamp (ISO 8601)');
      // Date.parse rolls an impossible day over (2023-02-30 becomes March 2): check the calendar first.
      if (parseDate(t.slice(0, 10)) === undefined) return fail('a timestamp (ISO 8601) on a real calendar date');
      // Without a zone, UTC (as a date alone is midnight UTC): Date.parse would take the machine's zone.
      const ms = Date.parse(t.replace(' ', 'T') + (parts[3] ? '' : 'Z'));
      return Number.isNaN(ms) ? fail('a timestamp (ISO 8601)') : new Date(ms).toISOString();
    }
  }
}

const BOOLEANS: Readonly<Record<string, 1 | 0>> = {
  true: 1, false: 0, '1': 1, '0': 0, yes: 1, no: 0, y: 1, n: 0, t: 1, f: 0,
};

/** Optional spaces, an optional sign, ASCII digits, optional spaces (the column converter takes plain digits before this). */
function isIntegerText(s: string): boolean {
  return /^ *[+-]?\d+ *$/.test(s);
}

function isDecimalText(s: string): boolean {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s);
}

/** Returns 'YYYY-MM-DD' for a real calendar date, or undefined. */
export function parseDate(s: string, format?: ColumnDef['format']): string | undefined {
  let y: number;
  let m: number;
  let d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) {
    y = +match[1]!; m = +match[2]!; d = +match[3]!;
  } else if (format === 'MM/DD/YYYY' && (match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) {
    m = +match[1]!; d = +match[2]!; y = +match[3]!;
  } else if (format === 'DD.MM.YYYY' && (match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s))) {
    d = +match[1]!; m = +match[2]!; y = +match[3]!;
  } else {
    return undefined;
  }
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
