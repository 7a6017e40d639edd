import { discardSink } from '../discard-sink.js';
import { endpointsOf } from '../endpoints.js';
import type { LoadJob, LoadResult } from '../load-job.js';
import { loadMappingFile, mapperPath, mappingPath, pipeline } from '../sluice.js';
import { LoadClock } from './load-clock.js';

/**
 * Sluice's overlapped pipeline, as a user runs it. For `parse-map` the sink discards everything,
 * which leaves reading, parsing, mapping and the pipeline's own orchestration: the parse-and-map ceiling.
 */
export async function pipelineLoad(job: LoadJob): Promise<LoadResult> {
  const endpoints = await endpointsOf(job.endpoint);
  const clock = new LoadClock(job);
  const load = pipeline({
    source: endpoints.source,
    sink: job.kind === 'parse-map' ? discardSink() : endpoints.sink,
    mapper: job.mapping ? loadMappingFile(mappingPath(job.shape)) : mapperPath(job.shape),
    ...job.settings,
    limit: job.records,
    ...(job.partition && { partition: { modulo: job.partition } }),
    runId: `bench-${job.label}`,
  });
  const sub = load.progress$.subscribe((p) => {
    if (p.succeeded + p.failed + p.skipped > 0) clock.committed(p.succeeded + p.failed + p.skipped);
  });
  const report = await load.run();
  sub.unsubscribe();
  if (report.status.state !== 'completed') throw new Error(`the pipeline did not complete: ${JSON.stringify(report.status)}`);
  const { succeeded, failed, skipped } = report.counts;
  return clock.finish({ succeeded, failed, skipped, workerBusyMillis: report.workers.busyMillis, report, firstCommitMillis: report.firstCommitMillis });
}
