import { Subject, concatMap, defer, filter, from, lastValueFrom, mergeMap, tap, type Observable } from 'rxjs';
import type { RecordKey, SourceRecord } from '../core/record.js';
import { SluiceFailureLimitError } from '../core/errors.js';
import { withAttempts } from '../sink/checkpoint-entries.js';
import { describePartition, inPartition } from '../partition/partition.js';
import { DEFAULT_PARSE_LIMITS } from '../xml/index.js';
import { batchCommits, type CommitJob } from '../sink/batch-commits.js';
import { commitWithRetry, SluiceSinkError } from '../sink/commit-with-retry.js';
import type { CheckpointEntry } from '../sink/sink.js';
import type { MappedBatch } from '../worker/mapped-batch.js';
import type { MapperRef } from '../worker/load-mapper.js';
import { createWorkerPool, type WorkerPool } from '../worker/worker-pool.js';
import { CreditGate } from './credit-gate.js';
import { assertMapperKept, mapPage } from './map-page.js';
import { resolveOptions, type PipelineOptions, type ResolvedOptions } from './options.js';
import { readPages } from './read-pages.js';
import { RunMetrics } from './run-metrics.js';
import type { Progress, RunReport, RunStatus } from './run-report.js';

/** A configured load, ready to run. */
export interface Pipeline {
  /** Runs the load to the end (or until the signal aborts it) and resolves with its report. */
  run(): Promise<RunReport>;
  /** Progress after every commit; completes when the run ends. */
  readonly progress$: Observable<Progress>;
  /** The resolved options, defaults filled in. */
  readonly options: ResolvedOptions;
}

/**
 * Builds a pipeline: source → partition → parse and map (worker threads) → batched sink → checkpoint.
 * Options are validated here, before any work starts.
 *
 * @example
 * ```ts
 * import { pipeline, sqliteSource, sqliteSink } from 'sluice';
 *
 * const load = pipeline({
 *   source: sqliteSource({ file: 'loans.db', table: 'app_xml', keyColumn: 'app_id', payloadColumn: 'xml' }),
 *   sink: sqliteSink({ file: 'loans.db' }),
 *   mapper: new URL('./credit-mapper.ts', import.meta.url),
 *   workers: 2,
 *   signal: AbortSignal.timeout(60_000),
 * });
 * load.progress$.subscribe((p) => console.log(`${p.succeeded} done`));
 * const report = await load.run();
 * ```
 */
export function pipeline(options: PipelineOptions): Pipeline {
  const o = resolveOptions(options);
  const progress = new Subject<Progress>();
  let started = false;
  return {
    options: o,
    progress$: progress.asObservable(),
    run() {
      if (started) return Promise.reject(new Error('a pipeline runs once; build a new one to run again'));
      started = true;
      return runPipeline(o, progress);
    },
  };
}

async function runPipeline(o: ResolvedOptions, progress: Subject<Progress>): Promise<RunReport> {
  const metrics = new RunMetrics();
  const mapperRef: MapperRef = typeof o.mapper === 'string' ? { path: o.mapper } : { mapping: o.mapper };
  const gate = new CreditGate(o.queueSize);
  const stop = new AbortController();
  let status: RunStatus = { state: 'completed' };
  const onAbort = () => {
    if (status.state === 'completed') status = { state: 'aborted', reason: String(o.signal?.reason ?? 'aborted') };
    stop.abort();
  };
  if (o.signal?.aborted) onAbort();
  else o.signal?.addEventListener('abort', onAbort, { once: true });
  const partition = describePartition(o.partition);
  let pool: WorkerPool | undefined;
  let pushdown = false;
  let total: number | undefined;
  const inFlight = new Set<Promise<unknown>>();
  try {
    // Before anything is created: a missing source table or column fails here, not after the sink made its tables.
    await o.source.check?.();
    pool = createWorkerPool({
      workers: o.workers,
      tasksPerWorker: o.tasksPerWorker,
      memoryLimitMb: o.workerMemoryLimitMb,
      youngGenerationMb: o.workerYoungGenerationMb,
      preload: mapperRef,
      ...(o.workerFile && { workerFile: o.workerFile }),
    });
    const tables = await pool.describe(mapperRef);
    const instance = o.partition.modulo ?? { index: 0, count: 1 };
    const keyKind = await o.source.keyKind?.();
    const context = { tables, createTables: o.createTables, runId: o.runId, instanceId: instance.index, instanceCount: instance.count, ...(keyKind && { keyKind }) };
    await o.sink.open(context);
    pushdown = o.source.canSkip(o.sink.checkpoint);
    // Where the sink can be rebuilt in a worker (SQLite), each worker commits the tasks it maps:
    // rows never cross back to the main thread, which only reads and keeps count.
    const recipe = o.commitInWorkers ? o.sink.inWorker?.() : undefined;
    if (recipe) metrics.commitsIn = 'workers';
    const committedKeys = (keys: readonly RecordKey[]) => o.sink.checkpointed(keys, true);
    const taskBase = {
      mapper: mapperRef,
      limits: o.parse,
      ...(recipe && { commit: { recipe, context, retry: o.retry, retryFailed: o.retryFailed, maxRecords: o.batchSize } }),
    };
    const workerPool = pool;

    const request = {
      pageSize: o.taskSize,
      partition: o.partition,
      maxPayloadBytes: o.parse.maxDocumentBytes ?? DEFAULT_PARSE_LIMITS.maxDocumentBytes,
      ...(o.limit !== undefined && { limit: o.limit }),
      ...(pushdown && { skip: { log: o.sink.checkpoint, retryFailed: o.retryFailed } }),
      keyIssues: metrics.keyIssues,
    };
    // Without the checkpoint filter in SQL a count would include finished records: no total then.
    // Off by default: on a large table the count delays the first commit by a second or more.
    total = o.countTotal && pushdown && o.source.count ? await o.source.count(request) : undefined;
    progress.next(metrics.progress(0, total));
    const pages$ = readPages(
      o.source,
      request,
      gate,
      metrics.readLatency,
      stop.signal,
    );

    const done$ = pages$.pipe(
      // Filters a source could not apply in SQL; credits of dropped records are returned.
      concatMap((page) => (o.source.filtersPartition && pushdown ? from([page]) : defer(() => filterPage(page)))),
      tap((page) => {
        metrics.read += page.length;
        metrics.depth.add(metrics.elapsed(), gate.inUse);
      }),
      mergeMap((page) => track(mapPage(workerPool, taskBase, page, o.logger, committedKeys)), o.workers * o.tasksPerWorker),
      concatMap((batches) => from(batches)),
      tap((batch) => {
        assertMapperKept(batch); // an async map stops the run before any of its records counts
        metrics.mapped(batch);
      }),
      tap((batch) => batch.committed && committedInWorker(batch)),
      filter((batch) => !batch.committed),
      batchCommits({ records: o.batchSize, rows: o.maxBatchRows, bytes: o.maxBatchBytes, waitMillis: o.maxBatchWaitMillis }),
      mergeMap((job) => commitJob(job), o.maxInFlightCommits),
    );
    await lastValueFrom(done$, { defaultValue: undefined });
  } catch (error) {
    if (!(error instanceof SluiceFailureLimitError)) throw error;
    status = { state: 'stopped', error: error.message };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    // A run that stops on an error leaves tasks in the workers, some inside a commit: terminating
    // a thread in the middle of a SQLite call aborts the process, so let them finish (each is
    // bounded by the parse limits and the commit retries); what they commit is kept.
    await Promise.allSettled([...inFlight]);
    await Promise.allSettled([pool?.destroy(), o.source.close(), o.sink.close()]);
  }
  const report = metrics.report(o, status, partition);
  progress.next(metrics.progress(gate.inUse, total));
  progress.complete();
  o.logger?.info({ counts: report.counts, recordsPerSecond: report.recordsPerSecond }, 'run finished');
  return report;

  function track<T>(task: Promise<T>): Promise<T> {
    inFlight.add(task);
    const done = () => inFlight.delete(task);
    task.then(done, done);
    return task;
  }

  async function filterPage(page: SourceRecord[]): Promise<SourceRecord[]> {
    let kept = o.source.filtersPartition ? page : page.filter((r) => inPartition(r.key, o.partition));
    if (!pushdown && kept.length) {
      const done = await o.sink.checkpointed(kept.map((r) => r.key), o.retryFailed);
      if (done.size) kept = kept.filter((r) => !done.has(r.key));
    }
    if (kept.length < page.length) gate.release(page.length - kept.length);
    return kept;
  }

  async function commitJob(job: CommitJob): Promise<void> {
    const batch = o.retryFailed ? await withAttempts(o.sink, job.batch) : job.batch;
    metrics.queueWait.record(performance.now() - job.oldestAt, job.records);
    const t0 = performance.now();
    const outcome = await commitWithRetry(o.sink, batch, o.retry, o.logger);
    afterCommit(outcome.entries, job.rows, job.records, performance.now() - t0);
  }

  /** A task its worker committed: the same accounting as a commit here. */
  function committedInWorker(batch: MappedBatch): void {
    const c = batch.committed!;
    if (c.error !== undefined) throw new SluiceSinkError(`${c.error} (committing in a worker thread)`);
    if (c.retries) o.logger?.warn({ retries: c.retries }, 'transient database errors retried in a worker');
    metrics.queueWait.record(c.waitMillis, batch.keys.length);
    afterCommit(c.entries, c.rows, batch.keys.length, c.commitMillis, c.transactions);
  }

  function afterCommit(entries: readonly CheckpointEntry[], rows: number, records: number, commitMillis: number, transactions = 1): void {
    metrics.committed(entries, rows, commitMillis, transactions);
    gate.release(records);
    metrics.depth.add(metrics.elapsed(), gate.inUse);
    logFailures(entries);
    progress.next(metrics.progress(gate.inUse, total));
    checkFailureLimits();
  }

  function logFailures(entries: readonly CheckpointEntry[]): void {
    if (!o.logger) return;
    for (const e of entries) if (e.status === 'failed') o.logger.info({ key: e.key, error: e.error }, 'record failed');
  }

  function checkFailureLimits(): void {
    const done = metrics.succeeded + metrics.failed + metrics.skipped;
    const overCount = metrics.failed > o.maxFailures;
    const overRate = done >= 1000 && metrics.failed / done > o.maxFailureRate;
    if (!overCount && !overRate) return;
    const top = metrics.errors.top(3).map((e) => `${e.count}× ${e.message}`).join('; ');
    const limit = overCount ? `maxFailures ${o.maxFailures}` : `maxFailureRate ${o.maxFailureRate}`;
    throw new SluiceFailureLimitError(
      `stopped: ${metrics.failed} of ${done} records failed, over ${limit}. Most common: ${top}. Fix the data or the mapper, then rerun (committed records are kept).`,
      metrics.failed,
      done,
    );
  }
}

