// Inputs shared by the micro-benchmarks: generated credit applications and their mapped form,
// produced by the built worker code (dist/worker.js) called in this thread.
import { generateApplication } from '../../src/demo/index.js';
import { loadWorkerModule, MAPPER_PATH, taskOf, type MappedBatch, type TableSchema, type WorkerBatch, type WorkerTask } from '../lib/sluice.js';

export type Size = 'small' | 'medium' | 'large';

/** `n` documents of `size`, keys from `first`. */
export function documents(n: number, size: Size = 'medium', first = 1): { keys: number[]; payloads: string[] } {
  const keys = Array.from({ length: n }, (_, i) => first + i);
  return { keys, payloads: keys.map((k) => generateApplication(k, { size }).xml) };
}

/** A worker task of `n` documents, as the pipeline sends it. */
export function task(n: number, size: Size = 'medium', first = 1): WorkerTask {
  const d = documents(n, size, first);
  return taskOf(d.keys, d.payloads);
}

/**
 * The worker's output for tasks of `taskSize` documents, `tasks` of them: as it crosses threads
 * (`sent`) and as the main thread reads it (`batches`).
 */
export async function mappedBatches(tasks: number, taskSize = 100, size: Size = 'medium'): Promise<{ batches: MappedBatch[]; sent: WorkerBatch[]; tables: TableSchema[] }> {
  const worker = await loadWorkerModule();
  const tables = await worker.describe({ path: MAPPER_PATH });
  const sent: WorkerBatch[] = [];
  for (let t = 0; t < tasks; t++) sent.push(await worker.default(task(taskSize, size, 1 + t * taskSize)));
  return { batches: sent.map((b) => worker.fromWorker(b)), sent, tables };
}

/** Rows of all tables in some batches. */
export function rowCount(batches: readonly (MappedBatch | WorkerBatch)[]): number {
  let n = 0;
  for (const b of batches) for (const t of b.rows) n += t.ends[t.ends.length - 1] ?? 0;
  return n;
}
