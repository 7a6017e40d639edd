import type { LoadJob, LoadResult } from '../load-job.js';
import { loop } from '../../loop/loop.js';
import { loopPostgres } from '../../loop/loop-postgres.js';
import { mapAttributes } from '../../loop/map-attributes.js';
import { mapElements } from '../../loop/map-elements.js';
import { LoadClock } from './load-clock.js';

/**
 * The hand-written loop (bench/loop/): the program a user would write instead of Sluice, and
 * the reference every speed target is judged against: the whole program, with its own reading,
 * parsing, mapping and inserts, into SQLite (loop.ts) or PostgreSQL (loop-postgres.ts).
 */
export async function loopLoad(job: LoadJob): Promise<LoadResult> {
  const { endpoint } = job;
  const clock = new LoadClock(job);
  let succeeded = 0;
  let failed = 0;
  const map = job.shape === 'attributes' ? mapAttributes : mapElements;
  const committed = (done: number, f: number) => {
    failed = f;
    succeeded = done - f;
    clock.committed(done);
  };
  const partition = job.partition && ([job.partition.index, job.partition.count] as [number, number]);
  if (endpoint.db === 'sqlite') loop(endpoint.sourceFile, endpoint.sinkFile, job.records, map, committed, partition);
  else await loopPostgres(endpoint.url, endpoint.sourceTable, endpoint.sinkSchema, job.records, map, committed, partition);
  return clock.finish({ succeeded, failed, skipped: 0 });
}
