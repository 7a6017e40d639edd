import { ReplaySubject, Subject, type Observable } from 'rxjs';
import type { TableSchema } from '../mapper/table.js';
import { CreditGate } from '../pipeline/credit-gate.js';
import { queueRoom, resolveOptions, type FlowOptions, type ResolvedOptions } from '../pipeline/options.js';
import { RunMetrics } from '../pipeline/run-metrics.js';
import type { Progress, RunStatus } from '../pipeline/run-report.js';
import type { CheckpointEntry, Sink } from '../sink/sink.js';
import type { MapperRef } from '../worker/load-mapper.js';
import { createWorkerPool, type WorkerPool } from '../worker/worker-pool.js';
import { StageLedger } from './stage-ledger.js';
import { SLUICE_VERSION } from '../core/version.js';
import { openTelemetry, type Telemetry } from '../metrics/telemetry.js';
import { mappingVersion } from '../pipeline/mapping-version.js';
import { checkReprocess } from './reprocess-check.js';

/** What a flow tells an embedding app as it goes. */
export type FlowEvent =
  /** A transaction committed these records' rows and log entries. */
  | { readonly type: 'committed'; readonly entries: readonly CheckpointEntry[]; readonly rows: number; readonly commitMillis: number }
  /** A record ended failed (logged as such in the same transaction as its batch). */
  | { readonly type: 'failed'; readonly key: CheckpointEntry['key']; readonly error: string };

/**
 * One run's shared context: the credit gate that bounds records in flight across every stage,
 * the worker pool, the sink (opened), the counts. Stages take it as their first argument, so
 * that any composition keeps the guarantees. Build it with `openFlow`, run it with `runFlow`.
 */
export interface Flow {
  /** The settings the stages default to. */
  readonly options: ResolvedOptions;
  /** The mapper's tables, as the workers described them. */
  readonly tables: readonly TableSchema[];
  /** Written to processing_log.mapping_version: the option, or a hash of the mapping (`mappingVersion()`). */
  readonly mappingVersion: string;
  /** The opened sink, or undefined for a dry run. */
  readonly sink: Sink | undefined;
  /** Progress after every commit; a late subscriber gets the latest value at once. Completes when the flow closes. */
  readonly progress$: Observable<Progress>;
  /** Commits and record failures, as they happen. Completes when the flow closes. */
  readonly events$: Observable<FlowEvent>;
  /** Stops reading; what was read goes on to its end (committed), then the flow completes. */
  stop(reason?: string): void;
  /** Waits for tasks and commits in flight, then closes the pool, the sources and the sink. Idempotent. */
  close(): Promise<void>;
}

/** The flow's internals, shared by the stages; not part of the public API. */
export interface FlowState {
  readonly options: ResolvedOptions;
  readonly gate: CreditGate;
  readonly metrics: RunMetrics;
  readonly ledger: StageLedger;
  readonly pool: WorkerPool;
  readonly sink: Sink | undefined;
  readonly tables: readonly TableSchema[];
  readonly mappingVersion: string;
  /** Aborts when reading must stop (signal, failure limit, `stop()`). */
  readonly stopReading: AbortSignal;
  status: RunStatus;
  total: number | undefined;
  readonly progress: ReplaySubject<Progress>;
  readonly events: Subject<FlowEvent>;
  /** OpenTelemetry metrics and commit spans (a no-op without the API). */
  readonly telemetry: Telemetry;
  /** Work that must end before the flow closes: worker tasks, commits. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resources to close after the drain (sources). */
  onClose(fn: () => Promise<void>): void;
  /** Records that reached their terminal state (committed, or settled in a dry run). */
  settle(entries: readonly CheckpointEntry[], rows: number, commitMillis: number, transactions?: number): void;
  /** Names of the sources read, for the report. */
  readonly sourceNames: string[];
  stop(status: RunStatus): void;
}

const states = new WeakMap<Flow, FlowState>();

/** The internals of a flow built by `openFlow`; a clear error for anything else. */
export function stateOf(flow: Flow): FlowState {
  const s = states.get(flow);
  if (!s) throw new TypeError('not a flow: build it with openFlow({ mapper, sink, ... })');
  return s;
}

/**
 * Opens a flow: starts the worker pool (each thread loads the mapper), asks it for the mapper's
 * tables, and opens the sink with them. Options are validated before any of that.
 *
 * @example
 * ```ts
 * import { openFlow, runFlow, readSource, parseAndMap, batchRecords, commitBatches, sqliteSource, sqliteSink } from 'sluice';
 *
 * const flow = await openFlow({ mapper: new URL('./mapper.ts', import.meta.url), sink: sqliteSink({ file: 'out.db' }) });
 * const report = await runFlow(flow, readSource(flow, sqliteSource({ file: 'in.db' })).pipe(
 *   parseAndMap(flow),
 *   batchRecords(flow),
 *   commitBatches(flow),
 * ));
 * ```
 */
export async function openFlow(options: FlowOptions): Promise<Flow> {
  const o = resolveOptions(options);
  warnIfQueueStalls(o);
  const stages = o.recordStages.length ? { stages: o.recordStages } : {};
  const mapperRef: MapperRef = typeof o.mapper === 'string' ? { path: o.mapper, ...stages } : { mapping: o.mapper, ...stages };
  const pool = createWorkerPool({
    workers: o.workers,
    tasksPerWorker: o.tasksPerWorker,
    memoryLimitMb: o.workerMemoryLimitMb,
    youngGenerationMb: o.workerYoungGenerationMb,
    preload: mapperRef,
    ...(o.workerFile && { workerFile: o.workerFile }),
  });
  let tables: TableSchema[];
  let version: string;
  try {
    tables = await pool.describe(mapperRef);
    if (o.reprocess) checkReprocess(tables, o.sink);
    // After describe: the mapper loaded, so its file exists and can be hashed.
    version = o.mappingVersion ?? mappingVersion({ mapper: o.mapper, recordStages: o.recordStages });
    const instance = o.partition.modulo ?? { index: 0, count: 1 };
    await o.sink?.open({
      tables,
      createTables: o.createTables,
      runId: o.runId,
      instanceId: instance.index,
      instanceCount: instance.count,
      mappingVersion: version,
      ...(o.keyKind && { keyKind: o.keyKind }),
      ...(o.reprocess && { reprocess: true }),
    });
  } catch (error) {
    await pool.destroy();
    throw error;
  }
  return createFlow(o, pool, tables, version, await openTelemetry(o.telemetry, SLUICE_VERSION));
}

/** A queue set smaller than the commits in flight and a filling batch need stalls reading without failing: say so. */
function warnIfQueueStalls(o: ResolvedOptions): void {
  const room = queueRoom(o);
  if (o.queueSize >= room) return;
  const { queueSize, batchSize, maxInFlightCommits } = o;
  o.logger?.warn(
    { queueSize, batchSize, maxInFlightCommits, queueSizeNeeded: room },
    `queueSize ${queueSize} is less than ${maxInFlightCommits + 1} batches of ${batchSize} (maxInFlightCommits ${maxInFlightCommits} committing, one filling): ` +
      `reading will stop while batches commit. Set queueSize (--queue-size) to ${room} or more, lower batchSize (--batch-size), or leave queueSize unset to follow batchSize`,
  );
}

function createFlow(
  o: ResolvedOptions,
  pool: WorkerPool,
  tables: readonly TableSchema[],
  version: string,
  openedTelemetry: (queueDepth: () => number) => Telemetry,
): Flow {
  const metrics = new RunMetrics();
  const gate = new CreditGate(o.queueSize, o.maxBytesInFlight);
  const telemetry = openedTelemetry(() => gate.inUse);
  const stopper = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  const closers: (() => Promise<void>)[] = [];
  const progress = new ReplaySubject<Progress>(1);
  progress.next(metrics.progress(0, undefined));
  const events = new Subject<FlowEvent>();
  let closing: Promise<void> | undefined;

  const state: FlowState = {
    options: o,
    gate,
    metrics,
    ledger: new StageLedger(),
    pool,
    sink: o.sink,
    tables,
    mappingVersion: version,
    stopReading: stopper.signal,
    status: { state: 'completed' },
    total: undefined,
    progress,
    events,
    telemetry,
    track(work) {
      inFlight.add(work);
      const done = () => inFlight.delete(work);
      work.then(done, done);
      return work;
    },
    onClose: (fn) => void closers.push(fn),
    sourceNames: [],
    settle(entries, rows, commitMillis, transactions = 1) {
      metrics.committed(entries, rows, commitMillis, transactions);
      telemetry.settled(entries, rows, commitMillis);
      gate.settle(entries.map((e) => e.key));
      metrics.depth.add(metrics.elapsed(), gate.inUse);
      if (rows || entries.length) events.next({ type: 'committed', entries, rows, commitMillis });
      for (const e of entries) {
        if (e.status !== 'failed') continue;
        o.logger?.info({ key: e.key, error: e.error }, 'record failed');
        events.next({ type: 'failed', key: e.key, error: e.error ?? 'unknown error' });
      }
      progress.next(metrics.progress(gate.inUse, state.total));
      checkFailureLimits();
    },
    stop(status) {
      if (state.status.state === 'completed') state.status = status;
      stopper.abort();
    },
  };

  function checkFailureLimits(): void {
    const done = metrics.succeeded + metrics.failed + metrics.skipped;
    const overCount = metrics.failed > o.maxFailures;
    const overRate = done >= 1000 && metrics.failed / done > o.maxFailureRate;
    if (!overCount && !overRate) return;
    if (stopper.signal.aborted) return;
    const top = metrics.errors.top(3).map((e) => `${e.count}× ${e.message}`).join('; ');
    const limit = overCount ? `maxFailures ${o.maxFailures}` : `maxFailureRate ${o.maxFailureRate}`;
    // Stop reading; what is in flight still ends in a state and is committed, so the report and the log agree.
    state.stop({
      state: 'stopped',
      error: `stopped: ${metrics.failed} of ${done} records failed, over ${limit}. Most common: ${top}. Fix the data or the mapper, then rerun (committed records are kept).`,
    });
  }

  const onAbort = () => state.stop({ state: 'aborted', reason: String(o.signal?.reason ?? 'aborted') });
  if (o.signal?.aborted) onAbort();
  else o.signal?.addEventListener('abort', onAbort, { once: true });

  const flow: Flow = {
    options: o,
    tables,
    mappingVersion: version,
    sink: o.sink,
    progress$: progress.asObservable(),
    events$: events.asObservable(),
    stop: (reason = 'stopped') => state.stop({ state: 'aborted', reason }),
    close() {
      closing ??= (async () => {
        o.signal?.removeEventListener('abort', onAbort);
        stopper.abort();
        // Tasks and commits in flight end first: terminating a thread inside a SQLite call aborts
        // the process, and a commit cut off by close() would leave the report short of the log.
        while (inFlight.size) await Promise.allSettled([...inFlight]);
        await Promise.allSettled([pool.destroy(), ...closers.map((c) => c()), o.sink?.close()]);
        telemetry.close();
        progress.next(metrics.progress(gate.inUse, state.total));
        progress.complete();
        events.complete();
      })();
      return closing;
    },
  };
  states.set(flow, state);
  return flow;
}
