import Tinypool from 'tinypool';
import type { LoadSettings } from '../load-job.js';
import { loadWorkerModule, WORKER_PATH, type MappedBatch, type TableSchema, type WorkerBatch, type WorkerTask } from '../sluice.js';

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
  // The main thread's reading of a result, as the pipeline's pool does it (src/worker/worker-pool.ts).
  const worker = loadWorkerModule();
  return {
    run: async (task) => (await worker).fromWorker((await pool.run(task)) as WorkerBatch),
    describe: () => pool.run({ path: mapper }, { name: 'describe' }) as Promise<TableSchema[]>,
    destroy: () => pool.destroy(),
  };
}

/** Busy milliseconds of a task in its worker, as the pipeline's report counts them. */
export function busyMillis(batch: MappedBatch): number {
  return batch.stats.finishedAt - batch.stats.startedAt;
}
