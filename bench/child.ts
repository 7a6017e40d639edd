// One measured load per process, so that peak RSS is the load's own: the parent forks this file
// (bundled, bench/lib/build-child.ts), waits for 'ready' (modules loaded), sends the job, and
// gets the result back over IPC (src/tune/load-process.ts, shared with `sluice tune`).
import { serveOneLoad } from '../src/tune/serve-one-load.js';
import type { LoadJob, LoadResult } from './lib/load-job.js';
import { runLoad } from './lib/run-load.js';

await serveOneLoad<LoadJob, LoadResult>('bench/child.ts', runLoad);
