import { tap, type OperatorFunction } from 'rxjs';
import { batchCommits, type BatchLimits, type CommitJob } from '../sink/batch-commits.js';
import type { MappedBatch } from '../worker/mapped-batch.js';
import { stateOf, type Flow } from './flow.js';

/**
 * The batch stage: gathers mapped records into commit batches, closing one at the first limit
 * reached: records, rows (all tables), bytes, or the wait since its first record. Defaults are
 * the flow's `batchSize`, `maxBatchRows`, `maxBatchBytes` and `maxBatchWaitMillis`.
 *
 * @example
 * ```ts
 * mapped$.pipe(batchRecords(flow, { records: 500, waitMillis: 200 }), commitBatches(flow))
 * ```
 */
export function batchRecords(flow: Flow, limits: Partial<BatchLimits> = {}): OperatorFunction<MappedBatch, CommitJob> {
  const st = stateOf(flow);
  const o = st.options;
  const all: BatchLimits = {
    records: limits.records ?? o.batchSize,
    rows: limits.rows ?? o.maxBatchRows,
    bytes: limits.bytes ?? o.maxBatchBytes,
    waitMillis: limits.waitMillis ?? o.maxBatchWaitMillis,
    budgetSpent: limits.budgetSpent ?? (() => st.gate.waitingForBytes),
  };
  return (source) => {
    const count = st.ledger.add('batchRecords');
    return source.pipe(
      tap((batch) => (count.in += batch.keys.length)),
      batchCommits(all, st.tables),
      tap((job) => (count.out += job.records)),
    );
  };
}
