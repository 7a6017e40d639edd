import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SluiceConfigError } from '../core/errors.js';
import type { MappingSpec } from '../mapper/define-mapping.js';
import type { Partition } from '../partition/partition.js';
import { validateModulo, validateRange } from '../partition/partition.js';
import type { Sink } from '../sink/sink.js';
import type { Source } from '../source/source.js';
import type { ParseLimits } from '../xml/index.js';
import type { Logger } from './logger.js';
import type { TelemetryOption } from '../metrics/telemetry.js';
import type { KeyKind } from '../core/record.js';

/**
 * What a flow needs (`openFlow`): the mapper, and the settings its stages default to. Only
 * `mapper` is required; a flow with no `sink` can still parse, map and preview (a dry run).
 */
export interface FlowOptions {
  /**
   * A mapper module (`.ts`, `.js`, `.mjs`): a path, relative to the working directory, or a
   * `file:` URL (`new URL('./mapper.ts', import.meta.url)`, spaces and all); or a declarative mapping.
   */
  readonly mapper: string | URL | MappingSpec;
  /**
   * Sluice's worker entry, for bundled apps (esbuild, webpack): copy `node_modules/sluice/dist/worker.js`
   * next to your bundle and name it here. A path or a `file:` URL. @default the `worker.js` beside Sluice's own code
   */
  readonly workerFile?: string | URL;
  /**
   * The kind of the record keys (`pipeline()` asks its source), so that the sink declares the
   * log's key column to match. @default the sink's own default
   */
  readonly keyKind?: KeyKind;
  /** Where rows and checkpoints go; none for a dry run (`settleRecords`). */
  readonly sink?: Sink;
  /**
   * Synchronous record stages that run in the workers beside the mapper: modules (paths, like
   * the mapper's) whose default export is `defineRecordStage({ ... })`, applied in order.
   * @default none
   */
  readonly recordStages?: readonly (string | URL)[];
  /** Which records this instance processes (written to the log as instance_id / instance_count). @default all */
  readonly partition?: Partition;
  /** Parse-and-map worker threads. @default os.availableParallelism() */
  readonly workers?: number;
  /** Heap limit of each worker thread: a mapper that runs away ends its thread, not the process. @default 1024 */
  readonly workerMemoryLimitMb?: number;
  /**
   * Young-generation size of each worker's heap. Larger is a few percent faster and costs about
   * 25 MB per worker (measured: 16 -> 7,415 rec/s at 340 MB peak RSS; V8's default -> 7,732 at 390 MB).
   * @default 16
   */
  readonly workerYoungGenerationMb?: number;
  /** Records per worker task (and per source page). @default 100 */
  readonly taskSize?: number;
  /** Tasks queued in each worker so none waits for the main thread. @default 4 */
  readonly tasksPerWorker?: number;
  /** Records per commit (one transaction). @default 500 */
  readonly batchSize?: number;
  /** Rows (all tables) per commit. @default 50000 */
  readonly maxBatchRows?: number;
  /** Approximate row bytes per commit. @default 16 MiB */
  readonly maxBatchBytes?: number;
  /** A partial batch commits after this long. @default 1000 */
  readonly maxBatchWaitMillis?: number;
  /**
   * Records read but not yet committed, at most. Keep it ≥ (maxInFlightCommits + 1) × batchSize,
   * the batches committing and one filling, or reading stops while batches commit (the run logs a
   * warning when it is set smaller).
   * @default 2000, or (maxInFlightCommits + 1) × batchSize where that is larger
   */
  readonly queueSize?: number;
  /**
   * Bytes the records read but not yet committed hold on the main thread, at most, beside
   * `queueSize`: their payload (bytes of a byte payload, characters of a text one) until mapped,
   * then their rows' estimate until committed. Whichever bound is reached first makes the reader
   * wait. A record larger than the budget is let in alone. See docs/memory.md.
   * @default 16 MiB
   */
  readonly maxBytesInFlight?: number;
  /** Commits running at once (async drivers; SQLite commits one at a time). @default 2 */
  readonly maxInFlightCommits?: number;
  /** Process records whose last attempt failed again. @default false */
  readonly retryFailed?: boolean;
  /**
   * Process records the log has already finished again, replacing their rows: `'all'` reads every
   * record of the source (within the partition and the source's `where`), `'stale'` only those not
   * yet loaded by this mapping version. Each record's previous rows are deleted (by each table's
   * `keyColumn`) in the transaction that inserts its new rows and updates its log entry
   * (attempts + 1). Every table must declare `keyColumn`. @default false
   */
  readonly reprocess?: false | 'all' | 'stale';
  /**
   * Written to processing_log.mapping_version on every commit; `reprocess: 'stale'` and
   * `sluice status` compare entries with it. @default a hash of the mapping (`mappingVersion()`)
   */
  readonly mappingVersion?: string;
  /** Create target tables and the log if missing. @default true */
  readonly createTables?: boolean;
  /** Document limits and the DOCTYPE policy, applied in the workers. */
  readonly parse?: Partial<ParseLimits>;
  /** Retries of transient database errors. */
  readonly retry?: Partial<RetryOptions>;
  /** Stop the run when more records than this have failed. @default Infinity */
  readonly maxFailures?: number;
  /** Stop the run when the failed share exceeds this (0..1), once 1000 records are done. @default 1 */
  readonly maxFailureRate?: number;
  /** Stop reading, finish what is in flight, commit it, and resolve with the report. */
  readonly signal?: AbortSignal;
  /** Written to processing_log.run_id. @default time and a random suffix, e.g. `20261122_124758_3f9a` */
  readonly runId?: string;
  /** Where the pipeline reports what it does. @default silent */
  readonly logger?: Logger;
  /**
   * OpenTelemetry metrics and a span per commit (docs/telemetry.md): `true` uses the global API
   * when `@opentelemetry/api` is installed, `false` turns it off, or pass a meter and tracer.
   * @default true
   */
  readonly telemetry?: TelemetryOption;
}

/** Everything `pipeline()` needs; only `source`, `sink` and `mapper` are required. */
export interface PipelineOptions extends FlowOptions {
  /** Where records come from. */
  readonly source: Source;
  /** Where rows and checkpoints go. */
  readonly sink: Sink;
  /** Count the records to process before reading (one COUNT query), so progress has a total. @default false */
  readonly countTotal?: boolean;
  /** Process at most this many records. */
  readonly limit?: number;
}

/** Backoff for transient errors: delay = min(max, base * 2^attempt) * random(0.5..1). */
export interface RetryOptions {
  /** Attempts of one commit, or of one read of a table or queue source, the first included. @default 8 */
  readonly maxAttempts: number;
  /** @default 50 */
  readonly baseDelayMillis: number;
  /** @default 5000 */
  readonly maxDelayMillis: number;
}

/**
 * Records the queue must hold for reading to go on while commits are in flight: the batches
 * committing and one filling. With less, they take every record credit, reading stops, and the
 * workers run dry until a commit ends.
 */
export function queueRoom(s: { readonly batchSize: number; readonly maxInFlightCommits: number }): number {
  return (s.maxInFlightCommits + 1) * s.batchSize;
}

/** The largest batch a queue of `queueSize` has `queueRoom` for. */
export function batchRoom(s: { readonly queueSize: number; readonly maxInFlightCommits: number }): number {
  return Math.floor(s.queueSize / (s.maxInFlightCommits + 1));
}

/** The largest `queueSize` taken, and the most an unset one grows to. */
const MAX_QUEUE_SIZE = 10_000_000;

/** The defaults, in one place. `queueSize` is raised to `queueRoom` when it is not set. */
export const DEFAULTS = {
  taskSize: 100,
  tasksPerWorker: 4,
  workerMemoryLimitMb: 1024,
  workerYoungGenerationMb: 16,
  batchSize: 500,
  maxBatchRows: 50_000,
  maxBatchBytes: 16 * 1024 * 1024,
  maxBatchWaitMillis: 1000,
  queueSize: 2000,
  maxBytesInFlight: 16 * 1024 * 1024,
  maxInFlightCommits: 2,
  retryFailed: false,
  reprocess: false,
  countTotal: false,
  createTables: true,
  maxFailures: Infinity,
  maxFailureRate: 1,
  retry: { maxAttempts: 8, baseDelayMillis: 50, maxDelayMillis: 5000 } satisfies RetryOptions,
} as const;

/** Options with every default filled in. */
export type ResolvedOptions = Required<Omit<FlowOptions, 'sink' | 'signal' | 'logger' | 'parse' | 'retry' | 'partition' | 'mapper' | 'recordStages' | 'workerFile' | 'keyKind' | 'telemetry' | 'mappingVersion'>> & {
  readonly telemetry: TelemetryOption;
  /** The version given, if any; the flow computes it otherwise (`Flow.mappingVersion`). */
  readonly mappingVersion: string | undefined;
  readonly workerFile: string | undefined;
  readonly keyKind: KeyKind | undefined;
  readonly sink: Sink | undefined;
  readonly recordStages: readonly string[];
  readonly signal: AbortSignal | undefined;
  readonly logger: Logger | undefined;
  readonly parse: Partial<ParseLimits>;
  readonly retry: RetryOptions;
  readonly partition: Partition;
  readonly mapper: string | MappingSpec;
};

function int(name: string, value: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SluiceConfigError(`${name} must be an integer from ${min} to ${max}; got ${value}`, name);
  }
}

/** `20261122_124758_3f9a`: readable time, plus a random suffix so that runs started in the same second differ. */
function defaultRunId(): string {
  const time = new Date().toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  return `${time}_${randomBytes(2).toString('hex')}`;
}

/** An absolute file path from a path (relative to the working directory) or a `file:` URL (percent-escapes decoded). */
function filePath(p: string | URL, option: string): string {
  if (p instanceof URL || p.startsWith('file:')) {
    const url = p instanceof URL ? p : new URL(p);
    if (url.protocol !== 'file:') throw new SluiceConfigError(`${option} must be a file path or a file: URL; got a ${url.protocol} URL`, option);
    return fileURLToPath(url);
  }
  return resolve(p);
}

/** Fills defaults and validates every option; throws SluiceConfigError naming the option. */
export function resolveOptions(o: FlowOptions): ResolvedOptions {
  if (!o || typeof o !== 'object') throw new SluiceConfigError('pipeline options are required', 'options');
  if (o.sink !== undefined && (!o.sink || typeof o.sink.write !== 'function')) throw new SluiceConfigError('sink must be a Sink (e.g. sqliteSink({ file }))', 'sink');
  if (!o.mapper) throw new SluiceConfigError('mapper is required: a module path or a declarative mapping', 'mapper');
  if (o.recordStages !== undefined && !(Array.isArray(o.recordStages) && o.recordStages.every((p) => typeof p === 'string' || p instanceof URL))) {
    throw new SluiceConfigError('recordStages must be an array of module paths (strings or URLs)', 'recordStages');
  }
  int('workers', o.workers, 1, 256);
  int('workerMemoryLimitMb', o.workerMemoryLimitMb, 16, 1_000_000);
  int('workerYoungGenerationMb', o.workerYoungGenerationMb, 1, 1024);
  int('taskSize', o.taskSize, 1, 100_000);
  int('tasksPerWorker', o.tasksPerWorker, 1, 64);
  int('batchSize', o.batchSize, 1, 1_000_000);
  int('maxBatchRows', o.maxBatchRows, 1);
  int('maxBatchBytes', o.maxBatchBytes, 1024);
  int('maxBatchWaitMillis', o.maxBatchWaitMillis, 1, 3_600_000);
  int('queueSize', o.queueSize, 1, MAX_QUEUE_SIZE);
  if (o.maxBytesInFlight !== undefined && o.maxBytesInFlight !== Infinity) int('maxBytesInFlight', o.maxBytesInFlight, 1024);
  int('maxInFlightCommits', o.maxInFlightCommits, 1, 64);
  if (o.maxFailures !== undefined && !(o.maxFailures >= 0)) throw new SluiceConfigError(`maxFailures must be ≥ 0; got ${o.maxFailures}`, 'maxFailures');
  if (o.maxFailureRate !== undefined && !(o.maxFailureRate >= 0 && o.maxFailureRate <= 1)) {
    throw new SluiceConfigError(`maxFailureRate must be from 0 to 1; got ${o.maxFailureRate}`, 'maxFailureRate');
  }
  const retry = { ...DEFAULTS.retry, ...o.retry };
  int('retry.maxAttempts', retry.maxAttempts, 1, 1000);
  int('retry.baseDelayMillis', retry.baseDelayMillis, 0);
  int('retry.maxDelayMillis', retry.maxDelayMillis, 0);
  if (o.parse?.maxDepth !== undefined) int('parse.maxDepth', o.parse.maxDepth, 1, 1_000_000);
  if (o.parse?.maxDocumentBytes !== undefined) int('parse.maxDocumentBytes', o.parse.maxDocumentBytes, 1);
  if (o.parse?.maxElements !== undefined) int('parse.maxElements', o.parse.maxElements, 1);
  if (o.parse?.maxEntityExpansionChars !== undefined) int('parse.maxEntityExpansionChars', o.parse.maxEntityExpansionChars, 1);
  if (o.parse?.maxEntityDepth !== undefined) int('parse.maxEntityDepth', o.parse.maxEntityDepth, 1, 10_000);
  if (o.parse?.doctype !== undefined && o.parse.doctype !== 'process' && o.parse.doctype !== 'reject') {
    throw new SluiceConfigError(`parse.doctype must be 'process' or 'reject'; got ${String(o.parse.doctype)}`, 'parse.doctype');
  }
  if (o.reprocess !== undefined && o.reprocess !== false && o.reprocess !== 'all' && o.reprocess !== 'stale') {
    throw new SluiceConfigError(`reprocess must be false, 'all' or 'stale'; got ${String(o.reprocess)}`, 'reprocess');
  }
  if (o.mappingVersion !== undefined && !(typeof o.mappingVersion === 'string' && /^[\x21-\x7e]{1,64}$/.test(o.mappingVersion))) {
    throw new SluiceConfigError(`mappingVersion must be 1 to 64 printable characters without spaces; got ${JSON.stringify(o.mappingVersion)}`, 'mappingVersion');
  }
  const partition = o.partition ?? {};
  if (partition.modulo) validateModulo(partition.modulo.index, partition.modulo.count);
  if (partition.range) validateRange(partition.range, 'partition.range');
  const batchSize = o.batchSize ?? DEFAULTS.batchSize;
  const maxInFlightCommits = o.maxInFlightCommits ?? DEFAULTS.maxInFlightCommits;
  // Unset, the queue follows the batch: `batchSize: 1000` alone must not stall reading.
  const queueSize = o.queueSize ?? Math.min(MAX_QUEUE_SIZE, Math.max(DEFAULTS.queueSize, queueRoom({ batchSize, maxInFlightCommits })));
  const taskSize = Math.min(o.taskSize ?? DEFAULTS.taskSize, queueSize);
  const workers = o.workers ?? Math.max(1, availableParallelism());
  return {
    sink: o.sink,
    mapper: typeof o.mapper === 'string' || o.mapper instanceof URL ? filePath(o.mapper, 'mapper') : o.mapper,
    workerFile: o.workerFile === undefined ? undefined : filePath(o.workerFile, 'workerFile'),
    keyKind: o.keyKind,
    recordStages: (o.recordStages ?? []).map((p) => filePath(p, 'recordStages')),
    partition,
    workers,
    workerMemoryLimitMb: o.workerMemoryLimitMb ?? DEFAULTS.workerMemoryLimitMb,
    workerYoungGenerationMb: o.workerYoungGenerationMb ?? DEFAULTS.workerYoungGenerationMb,
    taskSize,
    tasksPerWorker: o.tasksPerWorker ?? DEFAULTS.tasksPerWorker,
    batchSize,
    maxBatchRows: o.maxBatchRows ?? DEFAULTS.maxBatchRows,
    maxBatchBytes: o.maxBatchBytes ?? DEFAULTS.maxBatchBytes,
    maxBatchWaitMillis: o.maxBatchWaitMillis ?? DEFAULTS.maxBatchWaitMillis,
    queueSize,
    maxBytesInFlight: o.maxBytesInFlight ?? DEFAULTS.maxBytesInFlight,
    maxInFlightCommits,
    retryFailed: o.retryFailed ?? DEFAULTS.retryFailed,
    reprocess: o.reprocess ?? DEFAULTS.reprocess,
    mappingVersion: o.mappingVersion,
    createTables: o.createTables ?? DEFAULTS.createTables,
    parse: o.parse ?? {},
    retry,
    maxFailures: o.maxFailures ?? DEFAULTS.maxFailures,
    maxFailureRate: o.maxFailureRate ?? DEFAULTS.maxFailureRate,
    signal: o.signal,
    runId: o.runId ?? defaultRunId(),
    logger: o.logger,
    telemetry: o.telemetry ?? true,
  };
}
