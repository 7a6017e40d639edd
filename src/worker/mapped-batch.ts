import type { RecordKey } from '../core/record.js';
import { tableRowsOf, type PackedRows } from './packed-rows.js';

/** Status codes in `MappedBatch.status` (a Uint8Array crosses threads cheaply). */
export const SUCCEEDED = 0;
export const FAILED = 1;
export const SKIPPED = 2;

/** The rows of one table for a whole task, row-major, records in order. */
export interface TableRows {
  /**
   * Column values, row after row (`columns.length` values a row). Rows from a worker cross
   * threads packed and are unpacked when this is first read, once.
   */
  readonly values: unknown[];
  /** `ends[i]` is the number of rows of records 0..i; record i owns rows `ends[i-1] .. ends[i]`. */
  readonly ends: Int32Array;
}

/** One task as mapped by a worker (its rows cross threads packed): a compact form, records in order. */
export interface MappedBatch {
  readonly keys: RecordKey[];
  readonly status: Uint8Array;
  /** The error of a failed record or the reason of a skipped one; null for succeeded records. */
  readonly messages: (string | null)[];
  /** One entry per table, in the mapper's table order. */
  readonly rows: TableRows[];
  /** Approximate size of the row values, in bytes (for the sink's byte limit). */
  readonly bytes: number;
  /**
   * Per record, what its rows cost in the main thread's heap (estimate: 28 bytes and a byte a
   * character for a string value, 16 for any other): the credit gate charges a record this once
   * it is mapped, in place of its payload. Without it, `bytes` shared by rows.
   */
  readonly recordBytes?: Float64Array;
  readonly stats: WorkerStats;
  /**
   * Set when the mapper broke its contract (its `map` returned a Promise): the task's records are
   * neither committed nor counted, and the run stops with this message.
   */
  readonly mapperError?: string;
}

/** A MappedBatch as a worker thread sends it: its rows packed (`PackedRows`). */
export type WorkerBatch = Omit<MappedBatch, 'rows'> & { readonly rows: readonly PackedRows[] };

/** The MappedBatch a worker sent: its rows' values are unpacked when first read. */
export function fromWorker(batch: WorkerBatch): MappedBatch {
  return { ...batch, rows: batch.rows.map(tableRowsOf) };
}

/** Timings measured in the worker, in microseconds, and when (epoch ms) it ran. */
export interface WorkerStats {
  readonly threadId: number;
  readonly parseMicros: number;
  readonly mapMicros: number;
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** A range of records of one MappedBatch, as the sink commits them. */
export interface BatchSlice {
  readonly batch: MappedBatch;
  readonly from: number;
  readonly to: number;
}

/** The row range [start, end) of table `t` for records [from, to) of a slice. */
export function rowRange(slice: BatchSlice, t: number): [number, number] {
  // A batch of failed records only has no row tables at all.
  const ends = slice.batch.rows[t]?.ends;
  if (!ends) return [0, 0];
  return [slice.from === 0 ? 0 : ends[slice.from - 1]!, slice.to === 0 ? 0 : ends[slice.to - 1]!];
}

/** Number of rows in a slice, all tables together. */
export function sliceRowCount(slice: BatchSlice): number {
  let n = 0;
  for (let t = 0; t < slice.batch.rows.length; t++) {
    const [a, b] = rowRange(slice, t);
    n += b - a;
  }
  return n;
}

/** Per record of a batch, the bytes its rows hold until committed: `recordBytes`, or `bytes` shared out by row counts. */
export function rowBytesOf(batch: MappedBatch): Float64Array {
  if (batch.recordBytes) return batch.recordBytes;
  const n = batch.keys.length;
  const rows = new Float64Array(n);
  let total = 0;
  for (const t of batch.rows) {
    for (let i = 0; i < n; i++) {
      const r = t.ends[i]! - (i === 0 ? 0 : t.ends[i - 1]!);
      rows[i]! += r;
      total += r;
    }
  }
  if (total > 0) for (let i = 0; i < n; i++) rows[i] = (batch.bytes * rows[i]!) / total;
  return rows;
}
