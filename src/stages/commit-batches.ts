import { mergeMap, tap, type OperatorFunction } from 'rxjs';
import { SluiceConfigError } from '../core/errors.js';
import { withAttempts } from '../sink/checkpoint-entries.js';
import { commitWithRetry } from '../sink/commit-with-retry.js';
import type { CommitJob } from '../sink/batch-commits.js';
import type { CheckpointEntry } from '../sink/sink.js';
import { stateOf, type Flow } from './flow.js';

/** What one commit wrote. */
export interface CommitResult {
  /** One log entry per record of the batch (a record the database rejected is failed here). */
  readonly entries: readonly CheckpointEntry[];
  /** Rows written, all tables together. */
  readonly rows: number;
}

/** How `commitBatches` commits. */
export interface CommitBatchesOptions {
  /** Commits running at once. @default the flow's maxInFlightCommits */
  readonly maxInFlight?: number;
}

/**
 * The commit stage: writes each batch's rows and its records' log entries in ONE transaction
 * through the flow's sink, on the main thread (the only commit path). Transient errors are
 * retried with backoff; a batch the database rejects is split until the bad records are found,
 * which are logged failed while the rest commit. Then the records' credits return to the gate.
 * Commits already running when the flow stops or fails still finish and are counted.
 *
 * @example
 * ```ts
 * readSource(flow, source).pipe(parseAndMap(flow), batchRecords(flow), commitBatches(flow, { maxInFlight: 2 }))
 * ```
 */
export function commitBatches(flow: Flow, options: CommitBatchesOptions = {}): OperatorFunction<CommitJob, CommitResult> {
  const st = stateOf(flow);
  const o = st.options;
  const sink = st.sink;
  if (!sink) throw new SluiceConfigError('commitBatches needs a flow with a sink: openFlow({ mapper, sink }); for a dry run use settleRecords(flow)', 'sink');
  const maxInFlight = options.maxInFlight ?? o.maxInFlightCommits;

  async function commit(job: CommitJob): Promise<CommitResult> {
    const batch = o.retryFailed || o.reprocess ? await withAttempts(sink!, job.batch) : job.batch;
    st.metrics.queueWait.record(performance.now() - job.oldestAt, job.records);
    const t0 = performance.now();
    const outcome = await st.telemetry.commit(job.records, job.rows, () => commitWithRetry(sink!, batch, o.retry, o.logger));
    st.settle(outcome.entries, job.rows, performance.now() - t0);
    return { entries: outcome.entries, rows: job.rows };
  }

  return (source) => {
    const count = st.ledger.add('commitBatches');
    return source.pipe(
      mergeMap((job) => {
        count.in += job.records;
        return st.track(commit(job));
      }, maxInFlight),
      tap((result) => (count.out += result.entries.length)),
    );
  };
}
