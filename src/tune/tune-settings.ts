import { DEFAULTS } from '../pipeline/options.js';

/** The pipeline options `sluice tune` sweeps (PipelineOptions of the same names). */
export interface TuneSettings {
  readonly workers: number;
  readonly queueSize: number;
  readonly batchSize: number;
  readonly taskSize: number;
  readonly maxInFlightCommits: number;
}

/** The pipeline's defaults, with `workers` threads (its default is the machine's cores). */
export function defaultTuneSettings(workers: number): TuneSettings {
  return {
    workers,
    queueSize: DEFAULTS.queueSize,
    batchSize: DEFAULTS.batchSize,
    taskSize: DEFAULTS.taskSize,
    maxInFlightCommits: DEFAULTS.maxInFlightCommits,
  };
}

/** The CLI flag of each setting, as `sluice run` takes it. */
export const FLAG_OF: Readonly<Record<keyof TuneSettings, string>> = {
  workers: '--workers',
  queueSize: '--queue-size',
  batchSize: '--batch-size',
  taskSize: '--task-size',
  maxInFlightCommits: '--commits-in-flight',
};

/** `--workers 2 --queue-size 2000 ...`: settings as flags of `sluice run`. */
export function asFlags(s: TuneSettings): string {
  return (Object.keys(FLAG_OF) as (keyof TuneSettings)[]).map((k) => `${FLAG_OF[k]} ${s[k]}`).join(' ');
}

/**
 * Keeps a combination workable: a batch larger than half the queue cannot fill while the
 * previous one commits (it would commit on the maxBatchWaitMillis timer), so the queue is raised to 2 × batchSize.
 */
export function consistent(s: TuneSettings): TuneSettings {
  return s.queueSize >= 2 * s.batchSize ? s : { ...s, queueSize: 2 * s.batchSize };
}
