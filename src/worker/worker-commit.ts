import { performance } from 'node:perf_hooks';
import { sqliteSink } from '../adapters/sqlite/sqlite-sink.js';
import type { RetryOptions } from '../pipeline/options.js';
import { entriesOf, withAttempts } from '../sink/checkpoint-entries.js';
import { commitWithRetry } from '../sink/commit-with-retry.js';
import type { CommitBatch, Sink, SinkContext, WorkerSinkRecipe } from '../sink/sink.js';
import { sliceRowCount, type BatchSlice, type MappedBatch, type WorkerCommit } from './mapped-batch.js';

/** What a task needs to commit its own records: the sink's recipe and the run's settings. */
export interface WorkerCommitSpec {
  readonly recipe: WorkerSinkRecipe;
  /** The main thread has created the tables already; the worker's sink only opens. */
  readonly context: SinkContext;
  readonly retry: RetryOptions;
  readonly retryFailed: boolean;
  /** Records per transaction at most, when tasks are committed together (`batchSize`). */
  readonly maxRecords: number;
}

/** Sinks this thread has opened, one per recipe and run. */
const sinks = new Map<string, Promise<Sink>>();

function sinkFor(spec: WorkerCommitSpec, id: string): Promise<Sink> {
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

interface Pending {
  readonly batch: MappedBatch;
  readonly mappedAt: number;
  readonly resolve: (commit: WorkerCommit) => void;
}

/** Mapped tasks waiting to be committed together, per sink. */
const groups = new Map<string, { pending: Pending[]; records: number }>();

/**
 * Commits a mapped task in this worker, with the same retry and isolation rules as the main
 * thread's commits (`commitWithRetry`). With `more` (another task waits in this thread) and room
 * under `maxRecords`, the task waits to be committed in one transaction with the next: fewer,
 * larger transactions. Never rejects: an error that must stop the run is returned in `error`, so
 * that the main thread does not take it for a crashed worker.
 */
export function commitInWorker(batch: MappedBatch, spec: WorkerCommitSpec, more: boolean): Promise<WorkerCommit> {
  const id = JSON.stringify([spec.recipe, spec.context.runId]);
  return new Promise((resolve) => {
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { pending: [], records: 0 }));
    group.pending.push({ batch, resolve, mappedAt: performance.now() });
    group.records += batch.keys.length;
    if (more && group.records < spec.maxRecords) return;
    groups.delete(id);
    void commitGroup(group.pending, spec, id);
  });
}

async function commitGroup(pending: readonly Pending[], spec: WorkerCommitSpec, id: string): Promise<void> {
  const t0 = performance.now();
  const slices: BatchSlice[] = pending.map((p) => ({ batch: p.batch, from: 0, to: p.batch.keys.length }));
  try {
    const sink = await sinkFor(spec, id);
    let commit: CommitBatch = { slices, entries: entriesOf(slices) };
    if (spec.retryFailed) commit = await withAttempts(sink, commit);
    const outcome = await commitWithRetry(sink, commit, spec.retry);
    const commitMillis = performance.now() - t0;
    // Entries stay in slice order through retries and isolation: each task takes its own range.
    let at = 0;
    pending.forEach((p, i) => {
      const n = p.batch.keys.length;
      const last = i === pending.length - 1;
      p.resolve({
        entries: outcome.entries.slice(at, at + n),
        rows: sliceRowCount(slices[i]!),
        transactions: last ? 1 : 0,
        commitMillis,
        waitMillis: t0 - p.mappedAt,
        retries: last ? outcome.retries : 0,
      });
      at += n;
    });
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    for (const p of pending) p.resolve({ entries: [], rows: 0, transactions: 0, commitMillis: performance.now() - t0, waitMillis: t0 - p.mappedAt, retries: 0, error: message });
  }
}
