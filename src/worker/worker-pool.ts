import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { SluiceConfigError } from '../core/errors.js';
import type { MappedBatch } from './mapped-batch.js';
import type { WorkerTask } from './worker-task.js';
import type { MapperRef } from './load-mapper.js';
import type { TableSchema } from '../mapper/table.js';

/** The parse-and-map worker pool; a thin wrapper so the pipeline does not depend on tinypool's API. */
export interface WorkerPool {
  run(task: WorkerTask): Promise<MappedBatch>;
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
}

/** Creates a pool of `workers` threads running `worker.ts`. */
export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const pool = new Tinypool({
    filename: workerFile(),
    minThreads: options.workers,
    maxThreads: options.workers,
    concurrentTasksPerWorker: options.tasksPerWorker,
    idleTimeout: 60_000,
  });
  return {
    size: options.workers,
    run: (task) => pool.run(task) as Promise<MappedBatch>,
    describe: async (mapper) => {
      try {
        return (await pool.run(mapper, { name: 'describe' })) as TableSchema[];
      } catch (error) {
        // Errors lose their class crossing the thread boundary; a mapper that cannot load is a config error.
        throw new SluiceConfigError((error as Error).message.replace(/^SluiceConfigError: /, ''), 'mapper');
      }
    },
    destroy: () => pool.destroy(),
  };
}

/**
 * The worker entry file. Built: `worker.js` / `worker.cjs` beside the bundle. From source
 * (tests, `vitest`): a small bootstrap that loads `worker.ts` through jiti.
 */
function workerFile(): string {
  const here = import.meta.url;
  if (/\.ts$/.test(here)) return fileURLToPath(new URL('./dev-worker.mjs', here));
  return fileURLToPath(new URL(here.endsWith('.cjs') ? './worker.cjs' : './worker.js', here));
}
