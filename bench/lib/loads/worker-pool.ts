import Tinypool from 'tinypool';
import type { LoadSettings } from '../load-job.js';
import { WORKER_PATH, type MappedBatch, type TableSchema, type WorkerTask } from '../sluice.js';

/** A tinypool pool on dist/worker.js, configured as the pipeline configures its own (src/worker/worker-pool.ts). */
export interface BenchPool {
  run(task: WorkerTask): Promise<MappedBatch>;
  describe(): Promise<TableSchema[]>;
  destroy(): Promise<void>;
}

/** `mapper`: the mapper's path (`mapperPath(job.shape)`). */
export function benchPool(settings: Pick<LoadSettings, 'workers' | 'tasksPerWorker'>, mapper: string): BenchPool {
  const pool = new Tinypool({
    filename: WORKER_PATH,
    minThreads: settings.workers,
    maxThreads: settings.workers,
    concurrentTasksPerWorker: settings.tasksPerWorker,
    idleTimeout: 60_000,
    // The pipeline's defaults: young generation 16 MB, and each thread loads the mapper as it boots.
    resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 16 },
    workerData: { preload: { path: mapper } },
  });
  return {
    run: (task) => pool.run(task) as Promise<MappedBatch>,
    describe: () => pool.run({ path: mapper }, { name: 'describe' }) as Promise<TableSchema[]>,
    destroy: () => pool.destroy(),
  };
}

/** Busy milliseconds of a task in its worker, as the pipeline's report counts them. */
export function busyMillis(batch: MappedBatch): number {
  return batch.stats.finishedAt - batch.stats.startedAt;
}
