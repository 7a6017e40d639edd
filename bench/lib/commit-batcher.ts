// The pipeline's own entry builder (an internal helper, not in the public API; bundled into the
// load processes from source), so that the hand-written loops write the log exactly as it does.
import { entriesOf } from '../../src/sink/checkpoint-entries.js';
import { createCommitBatch } from '../../src/sink/commit-batch.js';
import type { BatchSlice } from '../../src/worker/mapped-batch.js';
import { DEFAULTS, rowRange, type CheckpointEntry, type CommitBatch, type MappedBatch } from './sluice.js';

type Slice = BatchSlice;

/** When a commit batch is full (the pipeline's batchSize, maxBatchRows, maxBatchBytes). */
export interface BatchLimits {
  readonly records: number;
  readonly rows: number;
  readonly bytes: number;
}

/** The pipeline's limits for a batch size, other limits at their defaults. */
export function limitsFor(batchSize: number): BatchLimits {
  return { records: batchSize, rows: DEFAULTS.maxBatchRows, bytes: DEFAULTS.maxBatchBytes };
}

/**
 * Cuts mapped tasks into commit batches the way the pipeline's batchCommits does (a task larger
 * than the room left is split), for the hand-written loops, which have no timer.
 */
export class CommitBatcher {
  private slices: Slice[] = [];
  private records = 0;
  private rows = 0;
  private bytes = 0;

  constructor(private readonly limits: BatchLimits) {}

  /** Records waiting in the open batch. */
  get pending(): number {
    return this.records;
  }

  /** Adds a task; returns the batches it closed. */
  add(batch: MappedBatch): CommitBatch[] {
    const closed: CommitBatch[] = [];
    const n = batch.keys.length;
    const perRecordBytes = n ? batch.bytes / n : 0;
    let from = 0;
    while (from < n) {
      const to = Math.min(n, from + (this.limits.records - this.records));
      const slice: Slice = { batch, from, to };
      this.slices.push(slice);
      this.records += to - from;
      this.rows += sliceRows(slice);
      this.bytes += perRecordBytes * (to - from);
      from = to;
      if (this.records >= this.limits.records || this.rows >= this.limits.rows || this.bytes >= this.limits.bytes) {
        closed.push(this.close());
      }
    }
    return closed;
  }

  /** Closes the open batch, if it holds anything. */
  flush(): CommitBatch | undefined {
    return this.records ? this.close() : undefined;
  }

  private close(): CommitBatch {
    const batch = createCommitBatch(this.slices, entriesOf(this.slices));
    this.slices = [];
    this.records = this.rows = this.bytes = 0;
    return batch;
  }
}

function sliceRows(slice: Slice): number {
  let n = 0;
  for (let t = 0; t < slice.batch.rows.length; t++) {
    const [a, b] = rowRange(slice, t);
    n += b - a;
  }
  return n;
}

/** Records of each terminal state in some entries. */
export function countEntries(entries: readonly CheckpointEntry[]): { succeeded: number; failed: number; skipped: number } {
  const c = { succeeded: 0, failed: 0, skipped: 0 };
  for (const e of entries) c[e.status]++;
  return c;
}
