import type { KeyKind, RecordKey } from '../../core/record.js';

/** A key as read with safe integers: a bigint within ±2^53 becomes a number, beyond it its decimal string (as pg gives int8). */
export function keyOf(value: unknown): RecordKey {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return typeof value === 'number' ? value : String(value);
}

/** A declared column type's kind, by SQLite's affinity rules; undefined for REAL, NUMERIC, BLOB or none. */
export function kindOf(declared: string): KeyKind | undefined {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  return undefined;
}
