import { batchRoom } from '../pipeline/options.js';
import type { TuneSettings } from './tune-settings.js';

/** One swept setting: the values tried, and how the others follow it. */
export interface Knob {
  readonly option: keyof TuneSettings;
  /** The name `--knobs` takes, e.g. `batch-size`. */
  readonly name: string;
  readonly values: readonly number[];
  /** The settings of one value: the defaults, adjusted where the value needs it. */
  settings(value: number, defaults: TuneSettings): TuneSettings;
  /** Why the others move, for the table's note. */
  readonly note?: string;
}

/** 1, 2, … cores (at most four values, always 1 and `cores`). */
function workerValues(cores: number): number[] {
  if (cores <= 4) return Array.from({ length: cores }, (_, i) => i + 1);
  return [...new Set([1, Math.round(cores / 4), Math.round(cores / 2), cores])];
}

/**
 * The knobs `sluice tune` sweeps, one at a time around the defaults, with three values each
 * (workers: 1 to the cores): enough to see a trend on a small sample in a few minutes, the
 * default always among them. Batch sizes over the default are tried only where the sample holds
 * two batches of them: a batch that holds the whole sample measures one commit, not a load.
 */
export function tuneKnobs(cores: number, sample: number): Knob[] {
  const batches = [250, 500, 1000, 2000].filter((v) => v <= 1000 || v <= sample / 2);
  return [
    { option: 'workers', name: 'workers', values: workerValues(cores), settings: (v, d) => ({ ...d, workers: v }) },
    {
      option: 'queueSize',
      name: 'queue-size',
      values: [1000, 2000, 4000],
      // The queue is what this knob sweeps: the batch gives way instead (`consistent` would raise the queue).
      settings: (v, d) => ({ ...d, queueSize: v, batchSize: Math.min(d.batchSize, batchRoom({ ...d, queueSize: v })) }),
      note: 'batch size held at ≤ queue size / (commits in flight + 1), so that a batch can fill while the others commit',
    },
    {
      option: 'batchSize',
      name: 'batch-size',
      values: batches,
      settings: (v, d) => ({ ...d, batchSize: v }),
      note: 'queue size raised to ≥ (commits in flight + 1) × batch size, so that reading goes on while batches commit',
    },
    { option: 'taskSize', name: 'task-size', values: [50, 100, 250], settings: (v, d) => ({ ...d, taskSize: v }) },
    {
      option: 'maxInFlightCommits',
      name: 'commits-in-flight',
      values: [1, 2, 4],
      settings: (v, d) => ({ ...d, maxInFlightCommits: v }),
      note: 'queue size raised to ≥ (commits in flight + 1) × batch size, so that reading goes on while they commit',
    },
  ];
}

/** The knobs named in `--knobs` (comma-separated), in sweep order; unknown names throw a RangeError naming the known ones. */
export function selectKnobs(all: readonly Knob[], names: string | undefined): Knob[] {
  if (names === undefined) return [...all];
  const wanted = names.split(',').map((n) => n.trim()).filter(Boolean);
  for (const n of wanted) {
    if (!all.some((k) => k.name === n)) throw new RangeError(`--knobs: unknown knob "${n}"; choose from ${all.map((k) => k.name).join(', ')}`);
  }
  if (wanted.length === 0) throw new RangeError(`--knobs: name at least one of ${all.map((k) => k.name).join(', ')}`);
  return all.filter((k) => wanted.includes(k.name));
}
