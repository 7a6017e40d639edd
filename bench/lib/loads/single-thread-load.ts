import { CommitBatcher, countEntries, limitsFor } from '../commit-batcher.js';
import { endpointsOf } from '../endpoints.js';
import type { LoadJob, LoadResult } from '../load-job.js';
import { loadWorkerModule, MAPPER_PATH, taskOf, type CommitBatch } from '../sluice.js';
import { LoadClock } from './load-clock.js';

/**
 * The single-thread baseline: read a page, parse and map it, insert when a batch is full, in a
 * loop on one thread. Parsing and mapping run the very code of dist/worker.js, called inline (no
 * thread crossing, no copies); the sink is the same SQLite sink with the same batch size.
 */
export async function singleThreadLoad(job: LoadJob): Promise<LoadResult> {
  const { source, sink } = await endpointsOf(job.endpoint);
  const s = job.settings;
  const clock = new LoadClock(job);
  const counts = { succeeded: 0, failed: 0, skipped: 0 };
  try {
    const worker = await loadWorkerModule();
    const tables = await worker.describe({ path: MAPPER_PATH });
    await sink.open({ tables, createTables: true, runId: `bench-${job.label}`, instanceId: 0, instanceCount: 1 });
    const batcher = new CommitBatcher(limitsFor(s.batchSize));
    const pages = source
      .pages({
        pageSize: s.taskSize,
        partition: job.partition ? { modulo: job.partition } : {},
        limit: job.records,
        ...(source.canSkip(sink.checkpoint) && { skip: { log: sink.checkpoint, retryFailed: false } }),
      })
      [Symbol.asyncIterator]();
    for (;;) {
      const next = await clock.time('read', () => pages.next());
      if (next.done) break;
      const page = next.value;
      const mapped = await clock.time('parse+map', () => worker.default(taskOf(page.map((r) => r.key), page.map((r) => r.payload))));
      for (const b of batcher.add(mapped)) await clock.time('insert', () => write(b));
    }
    const rest = batcher.flush();
    if (rest) await clock.time('insert', () => write(rest));
  } finally {
    await Promise.allSettled([source.close(), sink.close()]);
  }
  return clock.finish(counts);

  async function write(b: CommitBatch): Promise<void> {
    await sink.write(b);
    const c = countEntries(b.entries);
    counts.succeeded += c.succeeded;
    counts.failed += c.failed;
    counts.skipped += c.skipped;
    clock.committed(counts.succeeded + counts.failed + counts.skipped);
  }
}
