import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool } from '../../src/worker/worker-pool.js';
import { tempDir } from '../helpers/people.js';
import { waitUntil } from '../helpers/wait-until.js';

const MAPPER = fileURLToPath(new URL('../fixtures/marking-mapper.ts', import.meta.url));

/** Thread ids that have loaded the marking mapper so far. */
function loadedBy(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

describe('worker threads and the mapper', () => {
  let pool: WorkerPool | undefined;
  afterEach(async () => {
    await pool?.destroy();
    delete process.env.SLUICE_TEST_MARK_FILE;
  });

  it('every thread loads the mapper as it boots, before any task reaches it', async () => {
    const marks = join(tempDir(), 'loaded-by.txt');
    process.env.SLUICE_TEST_MARK_FILE = marks; // worker threads copy the environment at start
    pool = createWorkerPool({ workers: 2, tasksPerWorker: 1, preload: { path: MAPPER } });

    // No task and no describe(): only the preload can load the mapper.
    await waitUntil(() => loadedBy(marks).length >= 2, 30_000, 'both threads to load the mapper');
    expect(new Set(loadedBy(marks)).size).toBe(2);

    // Each thread loaded it once: the tasks reuse what the preload loaded.
    await pool.describe({ path: MAPPER });
    await Promise.all([1, 2, 3, 4].map((key) => pool!.run({ mapper: { path: MAPPER }, keys: [key], payloads: ['<i/>'], limits: {} })));
    expect(loadedBy(marks)).toHaveLength(2);
  });
});
