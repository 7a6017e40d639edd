import { startLoadProcess, type LoadProcess } from '../../src/tune/load-process.js';
import { childScript } from './build-child.js';
import type { LoadJob, LoadResult } from './load-job.js';
import { ROOT } from './sluice.js';

/** A forked load process (bench/child.ts, bundled) that waits for its job. */
async function startChild(): Promise<LoadProcess<LoadJob, LoadResult>> {
  return startLoadProcess<LoadJob, LoadResult>(await childScript(), {
    cwd: ROOT,
    env: { ...process.env, SLUICE_BENCH_ROOT: ROOT },
    // Plain node (no TypeScript loader: pool workers inherit execArgv and must run as in users'
    // processes); --expose-gc lets each load start from a collected heap.
    execArgv: ['--expose-gc'],
  });
}

const labelOf = (job: LoadJob) => `${job.label} (${job.kind})`;

/** Runs a load in a fresh process and returns what it measured. */
export async function runInChild(job: LoadJob): Promise<LoadResult> {
  return (await startChild()).run(job, labelOf(job));
}

/** Runs loads in as many processes at once, started together once every one is ready. */
export async function runTogether(jobs: readonly LoadJob[]): Promise<LoadResult[]> {
  const children = await Promise.all(jobs.map(() => startChild()));
  return Promise.all(children.map((c, i) => c.run(jobs[i]!, labelOf(jobs[i]!))));
}
