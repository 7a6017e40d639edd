import { endpointsOf } from '../endpoints.js';
import type { LoadJob, LoadResult } from '../load-job.js';
import { loadWorkerModule, mapperPath } from '../sluice.js';
import { LoadClock } from './load-clock.js';

/**
 * The read ceiling: pages read with the pipeline's request (page size, checkpoint filter against
 * an empty log) and dropped.
 */
export async function sourceOnlyLoad(job: LoadJob): Promise<LoadResult> {
  const { source, sink } = await endpointsOf(job.endpoint);
  const worker = await loadWorkerModule();
  const tables = await worker.describe({ path: mapperPath(job.shape) });
  // The sink creates the (empty) log the source's checkpoint filter reads, as in a pipeline run.
  await sink.open({ tables, createTables: true, runId: `bench-${job.label}`, instanceId: 0, instanceCount: 1 });
  const clock = new LoadClock(job);
  let n = 0;
  try {
    for await (const page of source.pages({
      pageSize: job.settings.taskSize,
      partition: {},
      limit: job.records,
      ...(source.canSkip(sink.checkpoint) && { skip: { log: sink.checkpoint, retryFailed: false } }),
    })) {
      n += page.length;
      clock.committed(n);
    }
  } finally {
    await Promise.allSettled([source.close(), sink.close()]);
  }
  return clock.finish({ succeeded: n, failed: 0, skipped: 0, firstCommitMillis: null });
}
