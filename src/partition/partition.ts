import { SluiceConfigError } from '../core/errors.js';
import type { RecordKey } from '../core/record.js';
import { textKeyHash } from './text-key-hash.js';

/**
 * Which records this instance processes. Both parts are optional and combine:
 * `modulo` keeps integer keys with `key % count === index` and text keys with
 * `textKeyHash(key) % count === index` (a hash of the key's UTF-8 bytes that every table
 * source computes identically in SQL),
 * `range` keeps keys with `start <= key <= end`.
 */
export interface Partition {
  readonly modulo?: { readonly index: number; readonly count: number };
  readonly range?: { readonly start?: RecordKey; readonly end?: RecordKey };
}

/** Every record. */
export const ALL: Partition = Object.freeze({});

/**
 * Static modulo partition, as the origin system's `--instance-id` / `--instance-count`.
 *
 * @example
 * ```ts
 * pipeline({ source, sink, mapper, partition: modulo(0, 3) }) // keys 0, 3, 6, ...; text keys by textKeyHash
 * ```
 */
export function modulo(index: number, count: number): Partition {
  validateModulo(index, count);
  return { modulo: { index, count } };
}

/**
 * Static key-range partition (both ends inclusive), as the origin system's `--app-id-start/--app-id-end`.
 *
 * @example
 * ```ts
 * pipeline({ source, sink, mapper, partition: keyRange(1, 60_000) })
 * ```
 */
export function keyRange(start?: RecordKey, end?: RecordKey): Partition {
  validateRange({ start, end }, 'keyStart');
  return { range: { ...(start !== undefined && { start }), ...(end !== undefined && { end }) } };
}

/** Throws a SluiceConfigError unless `0 ≤ index < count`, both integers. */
export function validateModulo(index: number, count: number): void {
  if (!Number.isInteger(count) || count < 1) {
    throw new SluiceConfigError(`instanceCount must be an integer ≥ 1; got ${count}`, 'instanceCount');
  }
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new SluiceConfigError(
      `instanceId must be ≥ 0 and < instanceCount; got ${index} and ${count} (use 0 to ${count - 1} for ${count} instances)`,
      'instanceId',
    );
  }
}

/**
 * Throws a SluiceConfigError (a RangeError) unless `start ≤ end`, both numbers or both strings:
 * a reversed range would silently process nothing. `option` is named in the error (and prefixes
 * the message unless it is `keyStart`, the `keyRange()` / `--key-start` spelling).
 */
export function validateRange(range: NonNullable<Partition['range']>, option: string): void {
  const { start, end } = range;
  if (start === undefined || end === undefined) return;
  const prefix = option === 'keyStart' ? '' : `${option}: `;
  const got = `got ${JSON.stringify(start)} and ${JSON.stringify(end)}`;
  if (typeof start !== typeof end) throw new SluiceConfigError(`${prefix}key range start and end must both be numbers or both strings; ${got}`, option);
  if (start > end) throw new SluiceConfigError(`${prefix}key range start must be ≤ end; ${got}; swap them`, option);
}

/** Whether a key belongs to the partition; for sources that cannot push the filter into SQL. */
export function inPartition(key: RecordKey, p: Partition): boolean {
  if (p.modulo) {
    const { index, count } = p.modulo;
    const part = typeof key === 'number' ? ((key % count) + count) % count : textKeyHash(key) % count;
    if (part !== index) return false;
  }
  // An open end compares the key with itself: never outside.
  if (p.range && (key < (p.range.start ?? key) || key > (p.range.end ?? key))) return false;
  return true;
}

/** A short human description: "app_id % 3 == 0, 1 ≤ app_id ≤ 60000". */
export function describePartition(p: Partition, keyName = 'key'): string {
  const parts: string[] = [];
  if (p.modulo && p.modulo.count > 1) parts.push(`${keyName} % ${p.modulo.count} == ${p.modulo.index}`);
  if (p.range?.start !== undefined) parts.push(`${keyName} ≥ ${p.range.start}`);
  if (p.range?.end !== undefined) parts.push(`${keyName} ≤ ${p.range.end}`);
  return parts.length ? parts.join(', ') : 'all records';
}
