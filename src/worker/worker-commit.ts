import { performance } from 'node:perf_hooks';
import { sqliteSink } from '../adapters/sqlite/sqlite-sink.js';
import type { RetryOptions } from '../pipeline/options.js';
import { entriesOf, withAttempts } from '../sink/checkpoint-entries.js';
import { commitWithRetry } from '../sink/commit-with-retry.js';
import type { CommitBatch, Sink, SinkContext, WorkerSinkRecipe } from '../sink/sink.js';
import type { MappedBatch, WorkerCommit } from './mapped-batch.js';

/** What a task needs to commit its own records: the sink's recipe and the run's settings. */
export interface WorkerCommitSpec {
  readonly recipe: WorkerSinkRecipe;
  /** The main thread has created the tables already; the worker's sink only opens. */
  readonly context: SinkContext;
  readonly retry: RetryOptions;
  readonly retryFailed: boolean;
}

/** Sinks this thread has opened, one per recipe and run. */
const sinks = new Map<string, Promise<Sink>>();

function sinkFor(spec: WorkerCommitSpec): Promise<Sink> {
  const id = JSON.stringify([spec.recipe, spec.context.runId]);
  let sink = sinks.get(id);
  if (!sink) {
    sink = open(spec);
    sinks.set(id, sink);
    sink.catch(() => sinks.delete(id));
  }
  return sink;
}

async function open(spec: WorkerCommitSpec): Promise<Sink> {
  const sink = build(spec.recipe);
  await sink.open({ ...spec.context, createTables: false });
  return sink;
}

function build(recipe: WorkerSinkRecipe): Sink {
  switch (recipe.adapter) {
    case 'sqlite':
      return sqliteSink(recipe.options as unknown as Parameters<typeof sqliteSink>[0]);
  }
}

/**
 * Commits a mapped task in this worker, with the same retry and isolation rules as the main
 * thread's commits (`commitWithRetry`). Never throws: an error that must stop the run is returned
 * in `error`, so that the main thread does not take it for a crashed worker.
 */
export async function commitInWorker(batch: MappedBatch, spec: WorkerCommitSpec): Promise<WorkerCommit> {
  const t0 = performance.now();
  const slice = { batch, from: 0, to: batch.keys.length };
  let rows = 0;
  for (const t of batch.rows) rows += t.ends[batch.keys.length - 1] ?? 0;
  try {
    const sink = await sinkFor(spec);
    let commit: CommitBatch = { slices: [slice], entries: entriesOf([slice]) };
    if (spec.retryFailed) commit = await withAttempts(sink, commit);
    const outcome = await commitWithRetry(sink, commit, spec.retry);
    return { entries: outcome.entries, rows, commitMillis: performance.now() - t0, retries: outcome.retries };
  } catch (error) {
    return { entries: [], rows: 0, commitMillis: performance.now() - t0, retries: 0, error: (error as Error)?.message ?? String(error) };
  }
}
