import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool } from '../../src/worker/worker-pool.js';
import { SUCCEEDED } from '../../src/worker/mapped-batch.js';

const MAPPER = fileURLToPath(new URL('../fixtures/marking-mapper.ts', import.meta.url));

// The flow's tasks carry no mapper (a declarative mapping is kilobytes, copied with every task
// before): the threads map them with the one they preloaded.
describe('a task without a mapper', () => {
  let pool: WorkerPool | undefined;
  afterEach(async () => {
    await pool?.destroy();
    pool = undefined;
  });

  it('is mapped with the mapper the pool preloaded, in every thread and in the quarantine thread', async () => {
    pool = createWorkerPool({ workers: 2, tasksPerWorker: 1, preload: { path: MAPPER } });
    const batches = await Promise.all([1, 2, 3, 4].map((key) => pool!.run({ keys: [key], payloads: ['<i/>'], limits: {} })));
    batches.push(await pool.runIsolated({ keys: [5], payloads: ['<i/>'], limits: {} }));
    expect(batches.flatMap((b) => [...b.status])).toEqual([SUCCEEDED, SUCCEEDED, SUCCEEDED, SUCCEEDED, SUCCEEDED]);
    expect(new Set(batches.map((b) => b.stats.threadId)).size).toBeGreaterThanOrEqual(2);
  });

  it('is refused, saying what to do, by a pool that preloaded none', async () => {
    pool = createWorkerPool({ workers: 1, tasksPerWorker: 1 });
    await expect(pool.run({ keys: [1], payloads: ['<i/>'], limits: {} })).rejects.toThrow(/a task without a mapper reached a worker that preloaded none: give the task its mapper/);
  });
});
