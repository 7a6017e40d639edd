import { FAILED, SKIPPED, type BatchSlice } from '../worker/mapped-batch.js';
import type { CheckpointEntry, CommitBatch, Sink } from './sink.js';
import { withEntries } from './commit-batch.js';

/** One checkpoint entry per record of the slices, in order (first attempts). */
export function entriesOf(slices: readonly BatchSlice[]): CheckpointEntry[] {
  const out: CheckpointEntry[] = [];
  for (const { batch, from, to } of slices) {
    const { startedAt, finishedAt } = batch.stats;
    for (let i = from; i < to; i++) {
      const code = batch.status[i];
      out.push({
        key: batch.keys[i]!,
        status: code === FAILED ? 'failed' : code === SKIPPED ? 'skipped' : 'succeeded',
        error: batch.messages[i] ?? null,
        attempts: 1,
        startedAt,
        finishedAt,
      });
    }
  }
  return out;
}

/** The batch with each entry's attempts counted on from the log (for `retryFailed` runs). */
export async function withAttempts(sink: Sink, batch: CommitBatch): Promise<CommitBatch> {
  const previous = await sink.attempts(batch.entries.map((e) => e.key));
  return withEntries(batch, batch.entries.map((e) => ({ ...e, attempts: (previous.get(e.key) ?? 0) + 1 })));
}
