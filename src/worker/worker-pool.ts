import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tinypool } from 'tinypool';
import { SluiceConfigError } from '../core/errors.js';
import type { TableSchema } from '../mapper/table.js';
import type { MapperRef } from './load-mapper.js';
import { fromWorker, type MappedBatch, type WorkerBatch } from './mapped-batch.js';
import type { WorkerTask } from './worker-task.js';

/** The parse-and-map worker pool; a thin wrapper so the pipeline does not depend on tinypool's API. */
export interface WorkerPool {
  run(task: WorkerTask): Promise<MappedBatch>;
  /**
   * Runs a task alone in a separate one-thread pool, one task at a time: for records whose
   * worker died, so that a record that kills its thread again takes no other record with it.
   */
  runIsolated(task: WorkerTask): Promise<MappedBatch>;
  /** Loads the mapper in a worker and returns its tables; fails early on a broken mapper. */
  describe(mapper: MapperRef): Promise<TableSchema[]>;
  readonly size: number;
  destroy(): Promise<void>;
}

export interface WorkerPoolOptions {
  /** Worker threads. */
  readonly workers: number;
  /** Tasks queued inside each worker, so a worker never waits for the main thread between tasks. */
  readonly tasksPerWorker: number;
  /** V8 old-generation limit of each worker. @default 1024 */
  readonly memoryLimitMb?: number;
  /** V8 young-generation size of each worker. @default 16 */
  readonly youngGenerationMb?: number;
  /**
   * The mapper every thread starts loading as soon as it boots, before its first task: all
   * threads load it at once instead of each on its first task (a mapper importing 'sluice'
   * loads rxjs and the rest of the barrel, 150–176 ms in a fresh thread here).
   */
  readonly preload?: MapperRef;
  /** The worker entry to run instead of Sluice's own (bundled apps). */
  readonly workerFile?: string;
}

/** What each worker thread receives at start (`Tinypool.workerData` in the thread). */
export interface WorkerStartData {
  readonly preload?: MapperRef;
}

/** Creates a pool of `workers` threads running `worker.ts`. */
export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const limits = { maxOldGenerationSizeMb: options.memoryLimitMb ?? 1024, maxYoungGenerationSizeMb: options.youngGenerationMb ?? 16 };
  const start: WorkerStartData = options.preload ? { preload: options.preload } : {};
  const file = options.workerFile ?? workerFile();
  if (!existsSync(file)) {
    throw new SluiceConfigError(
      options.workerFile
        ? `workerFile ${file} does not exist; copy node_modules/sluice/dist/worker.js there, or fix the path`
        : `Sluice's worker file ${file} is missing: in a bundled app (esbuild, webpack), copy node_modules/sluice/dist/worker.js next to the bundle and pass its path as workerFile`,
      'workerFile',
    );
  }
  const main = watchedPool(file, options.workers, options.tasksPerWorker, limits, start);
  let quarantine: ReturnType<typeof watchedPool> | undefined;
  return {
    size: options.workers,
    run: async (task) => fromWorker((await main.run(task)) as WorkerBatch),
    runIsolated: async (task) => {
      quarantine ??= watchedPool(file, 1, 1, limits, start);
      return fromWorker((await quarantine.run(task)) as WorkerBatch);
    },
    describe: async (mapper) => {
      try {
        return (await main.run(mapper, 'describe')) as TableSchema[];
      } catch (error) {
        // Errors lose their class crossing the thread boundary; a mapper that cannot load is a config error.
        throw new SluiceConfigError((error as Error).message.replace(/^SluiceConfigError: /, ''), 'mapper');
      }
    },
    destroy: async () => {
      await Promise.all([main.destroy(), quarantine?.destroy()]);
    },
  };
}

/**
 * A tinypool whose threads are watched: tinypool replaces a worker that emits 'error' (out of
 * memory, uncaught exception) and fails its tasks, but a thread that just exits (process.exit in
 * a mapper) would leave its tasks pending forever, so such an exit is reported as an error.
 */
function watchedPool(
  filename: string,
  threads: number,
  perWorker: number,
  resourceLimits: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number },
  workerData: WorkerStartData,
) {
  const pool = new Tinypool({
    filename,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: perWorker,
    idleTimeout: 60_000,
    resourceLimits,
    workerData,
  });
  let destroying = false;
  const watched = new WeakSet<object>();
  const watch = () => {
    for (const thread of pool.threads) {
      if (watched.has(thread)) continue;
      watched.add(thread);
      // A thread that errored (out of memory) has been handled already; only a silent exit is reported.
      let errored = false;
      thread.once('error', () => (errored = true));
      thread.once('exit', (code: number) => {
        if (!destroying && !errored) thread.emit('error', new Error(`worker thread exited with code ${code}`));
      });
    }
  };
  // A thread that dies with no task in it makes the pool emit 'error': its records, if any, were
  // already failed through their tasks, so there is nothing more to do than not crash.
  pool.on('error', () => {});
  watch();
  return {
    run(task: unknown, name?: string): Promise<unknown> {
      const result: Promise<unknown> = name ? pool.run(task, { name }) : pool.run(task);
      watch(); // replacement threads appear after a crash
      return result;
    },
    destroy(): Promise<void> {
      destroying = true;
      return pool.destroy();
    },
  };
}

/**
 * The worker entry file. Built: `worker.js` beside the bundle, an ES module whichever build
 * (ESM or CommonJS) created the pool. From source (tests, `vitest`): a small bootstrap that
 * loads `worker.ts` through jiti.
 */
function workerFile(): string {
  const here = import.meta.url;
  if (/\.ts$/.test(here)) return fileURLToPath(new URL('./dev-worker.mjs', here));
  return fileURLToPath(new URL('./worker.js', here));
}
