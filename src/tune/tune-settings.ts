import { DEFAULTS, queueRoom } from '../pipeline/options.js';

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

/** Keeps a combination workable: the queue is raised to `queueRoom` where it is smaller. */
export function consistent(s: TuneSettings): TuneSettings {
  const room = queueRoom(s);
  return s.queueSize >= room ? s : { ...s, queueSize: room };
}
