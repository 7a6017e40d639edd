import type { CommitJob } from '../../src/sink/batch-commits.js';
import type { MappedBatch } from '../../src/worker/mapped-batch.js';

/** A task result of n records, keys first..first+n-1, with `rowsPer` rows each in one table and `bytes` in all. */
export function mappedBatch(first: number, n: number, rowsPer = 1, bytes = 0): MappedBatch {
  const ends = new Int32Array(n).map((_, i) => (i + 1) * rowsPer);
  return {
    keys: Array.from({ length: n }, (_, i) => first + i),
    status: new Uint8Array(n),
    messages: new Array<null>(n).fill(null),
    rows: [{ values: new Array(n * rowsPer).fill(0), ends }],
    bytes,
    stats: { threadId: 1, parseMicros: 0, mapMicros: 0, startedAt: 0, finishedAt: 0 },
  };
}

/** The record keys a commit job checkpoints, in order. */
export const jobKeys = (job: CommitJob) => job.batch.entries.map((e) => e.key);
