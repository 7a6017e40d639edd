import { SluiceConnectionError } from '../core/errors.js';
import { retry as retryLoop } from '../core/retry.js';
import type { RetryOptions } from '../pipeline/options.js';
import type { Logger } from '../pipeline/logger.js';
import type { BatchSlice } from '../worker/mapped-batch.js';
import type { CheckpointEntry, CommitBatch, Sink } from './sink.js';
import { createCommitBatch, schemasOf, slicesOf } from './commit-batch.js';

/** What a commit finally wrote: the entries (some turned into failures by isolation). */
export interface CommitOutcome {
  readonly entries: readonly CheckpointEntry[];
  /** Transient errors retried along the way. */
  readonly retries: number;
}

/** Thrown when a transient error outlasts `retry.maxAttempts`, or for a fatal one. */
export class SluiceSinkError extends SluiceConnectionError {
  override name = 'SluiceSinkError';
}

/**
 * Commits a batch; the one place where write failures are handled for every adapter:
 * transient errors are retried with exponential backoff and full jitter; errors caused by a
 * record's data are isolated by splitting the batch until the bad records are found — they are
 * logged as failed with the database's message and every other record commits.
 */
export async function commitWithRetry(sink: Sink, batch: CommitBatch, retry: RetryOptions, logger?: Logger): Promise<CommitOutcome> {
  const state = { retries: 0 };
  const entries = await commit(sink, batch, retry, state, logger);
  return { entries, retries: state.retries };
}

async function commit(sink: Sink, batch: CommitBatch, retry: RetryOptions, state: { retries: number }, logger?: Logger): Promise<CheckpointEntry[]> {
  let attempts = 0;
  try {
    await retryLoop(
      async (attempt) => {
        attempts = attempt;
        await sink.write(batch);
      },
      {
        ...retry,
        classify: (error) => sink.classify(error),
        onRetry: ({ attempt, delayMillis, error }) => {
          state.retries++;
          logger?.warn({ attempt, delayMillis: Math.round(delayMillis), error: messageOf(error) }, 'transient database error; retrying');
        },
      },
    );
    return [...batch.entries];
  } catch (error) {
    const kind = sink.classify(error);
    const message = messageOf(error);
    if (kind === 'record') return isolate(sink, batch, message, retry, state, logger);
    throw new SluiceSinkError(
      kind === 'transient'
        ? `${sink.name}: commit still failing after ${attempts} attempts: ${message}; check the database and rerun (committed work is kept)`
        : `${sink.name}: commit failed: ${message}`,
      { cause: error },
    );
  }
}

const messageOf = (error: unknown) => (error as Error)?.message ?? String(error);

async function isolate(sink: Sink, batch: CommitBatch, message: string, retry: RetryOptions, state: { retries: number }, logger?: Logger): Promise<CheckpointEntry[]> {
  const n = batch.entries.length;
  if (n === 1) {
    const e = batch.entries[0]!;
    const failed: CheckpointEntry = { ...e, status: 'failed', error: `record ${e.key}: the database rejected its rows: ${message}` };
    logger?.warn({ key: e.key, error: message }, 'record rejected by the database');
    return commit(sink, createCommitBatch([], [failed], schemasOf(batch)), retry, state, logger);
  }
  const [left, right] = splitBatch(batch, Math.floor(n / 2));
  return [...(await commit(sink, left, retry, state, logger)), ...(await commit(sink, right, retry, state, logger))];
}

/** Splits a batch into records [0, at) and [at, n). Entries are in slice order. */
export function splitBatch(batch: CommitBatch, at: number): [CommitBatch, CommitBatch] {
  const left: BatchSlice[] = [];
  const right: BatchSlice[] = [];
  let seen = 0;
  for (const s of slicesOf(batch)) {
    const len = s.to - s.from;
    if (seen + len <= at) left.push(s);
    else if (seen >= at) right.push(s);
    else {
      const cut = s.from + (at - seen);
      left.push({ batch: s.batch, from: s.from, to: cut });
      right.push({ batch: s.batch, from: cut, to: s.to });
    }
    seen += len;
  }
  const schemas = schemasOf(batch);
  return [createCommitBatch(left, batch.entries.slice(0, at), schemas), createCommitBatch(right, batch.entries.slice(at), schemas)];
}
