// The harness measures the BUILT library, as users run it: the pipeline from dist/index.js, whose
// worker threads load dist/worker.js, and the example mapper as built by tsup.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MappedBatch, RecordKey, TableSchema } from '../../dist/index.js';

export { DEFAULTS, loadMappingFile, parseXml, pipeline, rowRange, sqliteSink, sqliteSource } from '../../dist/index.js';
export type {
  CheckpointEntry, CommitBatch, MappedBatch, Partition, RecordKey, RunReport, Sink, SinkContext, Source, SourceRecord, TableSchema,
} from '../../dist/index.js';

/**
 * The repository root. Load processes run a bundle of the harness (bench/lib/build-child.ts)
 * that lives elsewhere, so the parent tells them where the root is.
 */
export const ROOT = process.env.SLUICE_BENCH_ROOT ?? fileURLToPath(new URL('../../', import.meta.url));
/** dist/, or in load processes the bench run's copy of it (dist-snapshot.ts). */
const DIST = pathToFileURL(`${process.env.SLUICE_BENCH_DIST ?? join(ROOT, 'dist')}/`);
/** The example credit-application mapper, built (`dist/credit-app-mapper.js`). */
export const MAPPER_PATH = fileURLToPath(new URL('credit-app-mapper.js', DIST));
/** The example mapper of each document shape, built (`dist/credit-app-mapper.js`, `dist/credit-app-attributes-mapper.js`). */
export function mapperPath(shape: 'elements' | 'attributes' = 'elements'): string {
  return shape === 'elements' ? MAPPER_PATH : fileURLToPath(new URL('credit-app-attributes-mapper.js', DIST));
}
/** The example declarative mapping of each document shape: the same tables as its mapper, no code (`examples/credit-app/<shape>-mapping.yaml`). */
export function mappingPath(shape: 'elements' | 'attributes' = 'elements'): string {
  return join(ROOT, 'examples', 'credit-app', `${shape}-mapping.yaml`);
}
/** The worker entry tinypool runs (`dist/worker.js`). */
export const WORKER_PATH = fileURLToPath(new URL('worker.js', DIST));

/** What a worker task carries (src/worker/worker-task.ts, which the package does not export). */
export interface WorkerTask {
  readonly mapper: { readonly path: string };
  readonly keys: RecordKey[];
  readonly payloads: (string | Uint8Array)[];
  readonly limits: Record<string, never>;
}

/** A task's result as it crosses threads: its rows packed (src/worker/packed-rows.ts). */
export type WorkerBatch = Omit<MappedBatch, 'rows'> & { readonly rows: readonly { readonly ends: Int32Array }[] };

/** The exports of dist/worker.js. */
export interface WorkerModule {
  /** Parses and maps a task: the exact code the pool threads run. */
  default(task: WorkerTask): Promise<WorkerBatch>;
  /** The MappedBatch the main thread makes of a task's result, as the pipeline's pool does. */
  fromWorker(batch: WorkerBatch): MappedBatch;
  describe(ref: { readonly path: string }): Promise<TableSchema[]>;
}

/** Status codes of `MappedBatch.status` (src/worker/mapped-batch.ts). */
export const SUCCEEDED = 0;
export const FAILED = 1;
export const SKIPPED = 2;

/** Loads dist/worker.js into this thread (the single-thread baseline runs the workers' code inline). */
export async function loadWorkerModule(): Promise<WorkerModule> {
  return (await import(pathToFileURL(WORKER_PATH).href)) as WorkerModule;
}

/** A task for the credit-application mapper of a document shape. */
export function taskOf(keys: RecordKey[], payloads: WorkerTask['payloads'], shape: 'elements' | 'attributes' = 'elements'): WorkerTask {
  return { mapper: { path: mapperPath(shape) }, keys, payloads, limits: {} };
}
