import { ReplaySubject, Subject, type Observable } from 'rxjs';
import { SluiceConfigError } from '../core/errors.js';
import { batchRecords } from '../stages/batch-records.js';
import { commitBatches } from '../stages/commit-batches.js';
import { openFlow, type FlowEvent } from '../stages/flow.js';
import { parseAndMap } from '../stages/parse-and-map.js';
import { partitionRecords } from '../stages/partition-records.js';
import { countSource, readSource } from '../stages/read-source.js';
import { runFlow } from '../stages/run-flow.js';
import { DEFAULTS, resolveOptions, type PipelineOptions, type ResolvedOptions } from './options.js';
import { RunMetrics } from './run-metrics.js';
import type { Progress, RunReport } from './run-report.js';

/** A configured load, ready to run. */
export interface Pipeline {
  /** Runs the load to the end (or until the signal aborts it) and resolves with its report. */
  run(): Promise<RunReport>;
  /** Progress after every commit; a late subscriber gets the latest value at once. Completes when the run ends. */
  readonly progress$: Observable<Progress>;
  /** Commits and record failures as they happen; completes when the run ends. */
  readonly events$: Observable<FlowEvent>;
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
  if (!options?.source || typeof options.source.pages !== 'function') throw new SluiceConfigError('source is required (e.g. sqliteSource({ file }))', 'source');
  if (!options.sink || typeof options.sink.write !== 'function') throw new SluiceConfigError('sink is required (e.g. sqliteSink({ file }))', 'sink');
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit >= 0)) {
    throw new SluiceConfigError(`limit must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}; got ${options.limit}`, 'limit');
  }
  const o = resolveOptions(options);
  const progress = new ReplaySubject<Progress>(1);
  progress.next(new RunMetrics().progress(0, undefined));
  const events = new Subject<FlowEvent>();
  let started = false;
  return {
    options: o,
    progress$: progress.asObservable(),
    events$: events.asObservable(),
    run() {
      if (started) return Promise.reject(new Error('a pipeline runs once; build a new one to run again'));
      started = true;
      return runPipeline({ ...options, runId: o.runId }, progress, events);
    },
  };
}

/** The default chain, built from the exported stages: read → partition → parse and map → batch → commit. */
async function runPipeline(options: PipelineOptions, progress: Subject<Progress>, events: Subject<FlowEvent>): Promise<RunReport> {
  // Before anything is created: a missing source table or column fails here, not after the sink made its tables.
  await options.source.check?.();
  const keyKind = options.keyKind ?? (await options.source.keyKind?.());
  const flow = await openFlow({ ...options, ...(keyKind && { keyKind }) });
  flow.progress$.subscribe(progress);
  flow.events$.subscribe(events);
  const { source } = options;
  const partition = flow.options.partition;
  const own = source.filtersPartition;
  if (options.countTotal ?? DEFAULTS.countTotal) await countSource(flow, source, { partition, ...(options.limit !== undefined && { limit: options.limit }) });
  const read$ = readSource(flow, source, { ...(own && { partition }), ...(options.limit !== undefined && { limit: options.limit }) });
  const pages$ = own || (!partition.modulo && !partition.range) ? read$ : read$.pipe(partitionRecords(flow, partition));
  const mapped$ = pages$.pipe(parseAndMap(flow));
  return runFlow(flow, mapped$.pipe(batchRecords(flow), commitBatches(flow)));
}
