// The load process of `sluice tune` (dist/tune-child.js): one measured setting per process,
// so that each run's peak RSS and warm-up are its own.
import { serveOneLoad } from './serve-one-load.js';
import type { TuneJob, TuneResult } from './tune-job.js';
import { runTuneLoad } from './tune-load.js';

await serveOneLoad<TuneJob, TuneResult>('tune-child.js', runTuneLoad);
