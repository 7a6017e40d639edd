import type { LoadJob, LoadResult } from './load-job.js';
import { loopLoad } from './loads/loop-load.js';
import { pipelineLoad } from './loads/pipeline-load.js';
import { sequentialLoad } from './loads/sequential-load.js';
import { sinkOnlyLoad } from './loads/sink-only-load.js';
import { sourceOnlyLoad } from './loads/source-only-load.js';

/** Runs one load in this process. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  switch (job.kind) {
    case 'pipeline':
    case 'parse-map':
      return pipelineLoad(job);
    case 'loop':
      return loopLoad(job);
    case 'sequential':
      return sequentialLoad(job);
    case 'sink-only':
      return sinkOnlyLoad(job);
    case 'source-only':
      return sourceOnlyLoad(job);
  }
}
