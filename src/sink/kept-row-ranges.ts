import type { RecordKey } from '../core/record.js';
import { rowRange, SUCCEEDED } from '../worker/mapped-batch.js';
import type { CommitBatch } from './sink.js';
import { slicesOf } from './commit-batch.js';

/** Rows `[a, b)` of a flat, row-major value array. */
export type RowRange = readonly [values: readonly unknown[], a: number, b: number];

/**
 * Row ranges of table `t` for the succeeded records of a batch; with `written`, only for those
 * keys (the ones whose log entry this transaction inserted). Adjacent kept records are one range.
 */
export function keptRowRanges(batch: CommitBatch, t: number, written: ReadonlySet<RecordKey> | undefined): RowRange[] {
  const out: RowRange[] = [];
  for (const s of slicesOf(batch)) {
    const rows = s.batch.rows[t];
    if (!rows) continue; // a batch of failed records only has no row tables
    if (!written) {
      // Failed and skipped records have no rows: the slice's range is exactly its succeeded rows.
      const [a, b] = rowRange(s, t);
      if (b > a) out.push([rows.values, a, b]);
      continue;
    }
    const keep = (i: number) => s.batch.status[i] === SUCCEEDED && written.has(s.batch.keys[i]!);
    for (let i = s.from; i < s.to; ) {
      while (i < s.to && !keep(i)) i++;
      const start = i;
      while (i < s.to && keep(i)) i++;
      if (i > start) {
        const a = start === 0 ? 0 : rows.ends[start - 1]!;
        const b = rows.ends[i - 1]!;
        if (b > a) out.push([rows.values, a, b]);
      }
    }
  }
  return out;
}
