import { Observable, asyncScheduler, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import { sliceRowCount, type BatchSlice, type MappedBatch } from '../worker/mapped-batch.js';
import { entriesOf } from './checkpoint-entries.js';
import type { CommitBatch } from './sink.js';
import { createCommitBatch } from './commit-batch.js';
import type { TableSchema } from '../mapper/table.js';

/** When a batch is full: the first limit reached closes it. */
export interface BatchLimits {
  readonly records: number;
  readonly rows: number;
  readonly bytes: number;
  /** A non-empty batch is closed this long after its first record arrived. */
  readonly waitMillis: number;
  /**
   * When this says the reader is waiting for the byte budget, a non-empty batch closes at once:
   * only commits free the budget, and waiting for `records` might then take `waitMillis`.
   */
  readonly budgetSpent?: () => boolean;
}

/** A batch ready to commit, with what the pipeline needs to account for it. */
export interface CommitJob {
  readonly batch: CommitBatch;
  readonly records: number;
  readonly rows: number;
  /** performance.now() when the batch was closed, for queue-wait latency. */
  readonly closedAt: number;
  /** performance.now() when its oldest task came back from a worker. */
  readonly oldestAt: number;
}

/**
 * Accumulates mapped tasks into commit batches by record count, row count, bytes and a maximum
 * wait; a task larger than the room left is split between batches.
 *
 * @example
 * ```ts
 * mapped$.pipe(batchCommits({ records: 1000, rows: 50_000, bytes: 16 << 20, waitMillis: 1000 }))
 * ```
 */
export function batchCommits(limits: BatchLimits, tables: readonly TableSchema[] = [], scheduler: SchedulerLike = asyncScheduler): OperatorFunction<MappedBatch, CommitJob> {
  return (source) =>
    new Observable<CommitJob>((subscriber) => {
      let slices: BatchSlice[] = [];
      let records = 0;
      let rows = 0;
      let bytes = 0;
      let oldestAt = 0;
      let timer: Subscription | undefined;

      const flush = () => {
        timer?.unsubscribe();
        timer = undefined;
        if (records === 0) return;
        const job: CommitJob = { batch: createCommitBatch(slices, entriesOf(slices), tables), records, rows, closedAt: performance.now(), oldestAt };
        slices = [];
        records = rows = bytes = 0;
        subscriber.next(job);
      };

      const sub = source.subscribe({
        next(batch) {
          const n = batch.keys.length;
          const perRecordBytes = n ? batch.bytes / n : 0;
          let from = 0;
          while (from < n) {
            if (records === 0) {
              oldestAt = performance.now();
              timer = scheduler.schedule(flush, limits.waitMillis);
            }
            const to = Math.min(n, from + (limits.records - records));
            const slice: BatchSlice = { batch, from, to };
            slices.push(slice);
            records += to - from;
            rows += sliceRowCount(slice);
            bytes += perRecordBytes * (to - from);
            from = to;
            if (records >= limits.records || rows >= limits.rows || bytes >= limits.bytes) flush();
          }
          if (records > 0 && limits.budgetSpent?.()) flush();
        },
        error: (e: unknown) => subscriber.error(e),
        complete() {
          flush();
          subscriber.complete();
        },
      });
      return () => {
        timer?.unsubscribe();
        sub.unsubscribe();
      };
    });
}
