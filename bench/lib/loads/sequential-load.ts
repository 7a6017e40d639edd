import { CommitBatcher, countEntries, limitsFor } from '../commit-batcher.js';
import { endpointsOf } from '../endpoints.js';
import type { LoadJob, LoadResult } from '../load-job.js';
import { mapperPath, taskOf, type CommitBatch, type SourceRecord } from '../sluice.js';
import { LoadClock } from './load-clock.js';
import { benchPool, busyMillis } from './worker-pool.js';

/**
 * The origin system's batch-sequential architecture (seed 001, "Current Architecture"): read a
 * batch of `batchSize` records, parse and map all of it on the worker pool, wait, insert it all,
 * repeat. Same pool, worker code, mapper, source request and sink as the pipeline; nothing overlaps.
 */
export async function sequentialLoad(job: LoadJob): Promise<LoadResult> {
  const { source, sink } = await endpointsOf(job.endpoint);
  const s = job.settings;
  const clock = new LoadClock(job);
  const pool = benchPool(s, mapperPath(job.shape));
  const counts = { succeeded: 0, failed: 0, skipped: 0 };
  let busy = 0;
  try {
    const tables = await pool.describe();
    await sink.open({ tables, createTables: true, runId: `bench-${job.label}`, instanceId: 0, instanceCount: 1 });
    const pages = source
      .pages({
        pageSize: s.taskSize,
        partition: job.partition ? { modulo: job.partition } : {},
        limit: job.records,
        ...(source.canSkip(sink.checkpoint) && { skip: { log: sink.checkpoint, retryFailed: false } }),
      })
      [Symbol.asyncIterator]();
    const batcher = new CommitBatcher(limitsFor(s.batchSize));
    for (let done = false; !done; ) {
      // 1. Read a batch.
      const batch: SourceRecord[][] = [];
      let n = 0;
      await clock.time('read', async () => {
        while (n < s.batchSize) {
          const next = await pages.next();
          if (next.done) {
            done = true;
            break;
          }
          batch.push(next.value);
          n += next.value.length;
        }
      });
      if (n === 0) break;
      // 2. Parse and map all of it; everyone waits for the slowest task.
      const mapped = await clock.time('parse+map', () =>
        Promise.all(batch.map((page) => pool.run(taskOf(page.map((r) => r.key), page.map((r) => r.payload), job.shape)))),
      );
      // 3. Insert all of it.
      await clock.time('insert', async () => {
        for (const m of mapped) {
          busy += busyMillis(m);
          for (const b of batcher.add(m)) await write(b);
        }
        const rest = batcher.flush();
        if (rest) await write(rest);
      });
    }
    await pages.return?.();
  } finally {
    await Promise.allSettled([pool.destroy(), source.close(), sink.close()]);
  }
  return clock.finish({ ...counts, workerBusyMillis: busy });

  async function write(b: CommitBatch): Promise<void> {
    await sink.write(b);
    const c = countEntries(b.entries);
    counts.succeeded += c.succeeded;
    counts.failed += c.failed;
    counts.skipped += c.skipped;
    clock.committed(counts.succeeded + counts.failed + counts.skipped);
  }
}
