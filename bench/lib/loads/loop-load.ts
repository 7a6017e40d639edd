import type { LoadJob, LoadResult } from '../load-job.js';
import { loop } from '../../loop/loop.js';
import { mapAttributes } from '../../loop/map-attributes.js';
import { mapElements } from '../../loop/map-elements.js';
import { LoadClock } from './load-clock.js';

/**
 * The hand-written loop (bench/loop/): the program a user would write instead of Sluice, and
 * the reference every speed target is judged against. SQLite only: it is the whole program, with
 * its own reading, parsing, mapping and inserts.
 */
export async function loopLoad(job: LoadJob): Promise<LoadResult> {
  const { endpoint } = job;
  if (endpoint.db !== 'sqlite') throw new Error(`the hand-written loop writes to SQLite only; got ${endpoint.db}`);
  const clock = new LoadClock(job);
  let succeeded = 0;
  let failed = 0;
  loop(endpoint.sourceFile, endpoint.sinkFile, job.records, job.shape === 'attributes' ? mapAttributes : mapElements, (done, f) => {
    failed = f;
    succeeded = done - f;
    clock.committed(done);
  }, job.partition && [job.partition.index, job.partition.count]);
  return clock.finish({ succeeded, failed, skipped: 0 });
}
