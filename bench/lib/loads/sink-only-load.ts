import { performance } from 'node:perf_hooks';
import { CommitBatcher, countEntries, limitsFor } from '../commit-batcher.js';
import { endpointsOf } from '../endpoints.js';
import type { LoadJob, LoadResult } from '../load-job.js';
import { mapperPath, taskOf, type CommitBatch, type MappedBatch, type SourceRecord, type TableSchema } from '../sluice.js';
import { LoadClock } from './load-clock.js';
import { benchPool } from './worker-pool.js';

/**
 * The sink ceiling: every record is parsed and mapped first (untimed), then the rows are
 * committed in batches of `batchSize`, as fast as the sink takes them. Only the commits are timed.
 */
export async function sinkOnlyLoad(job: LoadJob): Promise<LoadResult> {
  const { source, sink } = await endpointsOf(job.endpoint);
  const s = job.settings;
  const pool = benchPool(s, mapperPath(job.shape));
  const mapped: MappedBatch[] = [];
  let tables: TableSchema[] = [];
  try {
    tables = await pool.describe();
    const inFlight = new Set<Promise<void>>();
    for await (const page of source.pages({ pageSize: s.taskSize, partition: {}, limit: job.records })) {
      const p = mapPage(page).then(() => void inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= s.workers * s.tasksPerWorker) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await Promise.allSettled([pool.destroy(), source.close()]);
  }
  mapped.sort((a, b) => Number(a.keys[0]) - Number(b.keys[0]));
  globalThis.gc?.();

  const clock = new LoadClock(job);
  const counts = { succeeded: 0, failed: 0, skipped: 0 };
  const t0 = performance.now();
  try {
    await sink.open({ tables, createTables: true, runId: `bench-${job.label}`, instanceId: 0, instanceCount: 1 });
    const batcher = new CommitBatcher(limitsFor(s.batchSize));
    for (const m of mapped) for (const b of batcher.add(m)) await write(b);
    const rest = batcher.flush();
    if (rest) await write(rest);
  } finally {
    await sink.close();
  }
  return clock.finish({ ...counts, wallMillis: performance.now() - t0 });

  async function mapPage(page: SourceRecord[]): Promise<void> {
    mapped.push(await pool.run(taskOf(page.map((r) => r.key), page.map((r) => r.payload), job.shape)));
  }

  async function write(b: CommitBatch): Promise<void> {
    await sink.write(b);
    const c = countEntries(b.entries);
    counts.succeeded += c.succeeded;
    counts.failed += c.failed;
    counts.skipped += c.skipped;
    clock.committed(counts.succeeded + counts.failed + counts.skipped);
  }
}
