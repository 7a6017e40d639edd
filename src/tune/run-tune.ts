import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SluiceConfigError } from '../core/errors.js';
import type { Source } from '../source/source.js';
import { copySample, type SampleCopy } from './copy-sample.js';
import { runInLoadProcess } from './load-process.js';
import { pickBest, type Recommendation } from './recommend.js';
import { passOrder, statisticsOf, type RunStatistics } from './run-statistics.js';
import type { Scratch } from './scratch.js';
import type { TuneJob, TuneMapper, TuneResult } from './tune-job.js';
import type { Knob } from './tune-knobs.js';
import { consistent, type TuneSettings } from './tune-settings.js';

/** What `runTune` needs. */
export interface TuneOptions {
  /** The user's records; only read, and closed after the sample is copied. */
  readonly source: Source;
  readonly mapper: TuneMapper;
  /** Records copied into the sample. */
  readonly sample: number;
  /** Runs of each setting (≥ 1). */
  readonly repeats: number;
  readonly knobs: readonly Knob[];
  readonly defaults: TuneSettings;
  /** A local folder for the sample file. */
  readonly workDir: string;
  readonly scratch: Scratch;
  /** The load process entry (dist/tune-child.js). */
  readonly childScript: string;
  readonly log: (message: string) => void;
}

/** One setting of a knob, measured `repeats` times. */
export interface TunePoint {
  readonly value: number;
  readonly settings: TuneSettings;
  readonly runs: readonly TuneResult[];
  /** records/s over the runs. */
  readonly rate: RunStatistics;
  /** The highest peak RSS of the runs, MB. */
  readonly peakRssMb: number;
  readonly failed: number;
}

/** One knob's sweep and what it recommends. */
export interface KnobOutcome {
  readonly option: keyof TuneSettings;
  readonly name: string;
  readonly note?: string;
  readonly points: readonly TunePoint[];
  readonly recommendation: Recommendation;
}

/** Everything `sluice tune` measured and concluded (written as tune.json). */
export interface TuneOutcome {
  readonly sample: Omit<SampleCopy, 'file'>;
  readonly scratch: string;
  readonly repeats: number;
  readonly cores: number;
  readonly defaults: TuneSettings;
  /** Spread of the default settings' medians across sweeps (or of their runs, with one sweep): this machine's noise; null when measured once. */
  readonly noise: number | null;
  /** Settings within this share of the fastest count as ties. */
  readonly tolerance: number;
  readonly knobs: readonly KnobOutcome[];
  readonly recommended: TuneSettings;
  /** The recommended combination measured against the defaults, side by side (when they differ). */
  readonly check: { readonly defaults: RunStatistics; readonly recommended: RunStatistics; readonly kept: 'recommended' | 'defaults' } | null;
  readonly durationMillis: number;
}

const same = (a: TuneSettings, b: TuneSettings) => (Object.keys(a) as (keyof TuneSettings)[]).every((k) => a[k] === b[k]);

/**
 * Copies a sample of the source into a scratch SQLite file, then sweeps each knob one at a time
 * around the defaults, every run in its own process on a fresh scratch sink, `repeats` times in
 * alternating order. Each knob's value is picked by `pickBest` on the median records/s (ties
 * within the machine's noise go to the default, then to less memory); the combination is then
 * measured against the defaults, and kept only if it is not slower.
 */
export async function runTune(o: TuneOptions): Promise<TuneOutcome> {
  const t0 = performance.now();
  o.log(`Copying up to ${o.sample.toLocaleString('en-US')} records from ${o.source.name} into the scratch sample ...`);
  const sample = await copySample(o.source, o.sample, join(o.workDir, 'sample.db'));
  if (sample.records === 0) throw new SluiceConfigError(`${o.source.name} gave no records to sample: check --source and its flags`, '--source');
  o.log(`  ${sample.records.toLocaleString('en-US')} records, ${(sample.bytes / 1024 / 1024).toFixed(1)} MB of XML`);
  let seq = 0;
  // The side-by-side check adds 2 × repeats runs when the combination differs from the defaults.
  const planned = o.knobs.reduce((n, k) => n + k.values.length, 0) * o.repeats;
  const measure = async (label: string, settings: TuneSettings): Promise<TuneResult> => {
    const sink = o.scratch.sinkFor(++seq);
    const job: TuneJob = { label, sampleFile: sample.file, sink, mapper: o.mapper, settings };
    try {
      const r = await runInLoadProcess<TuneJob, TuneResult>(o.childScript, job, label);
      o.log(`  [${seq}/${seq > planned ? planned + 2 * o.repeats : planned}] ${label}: ${r.recordsPerSecond.toLocaleString('en-US')} records/s, peak RSS ${r.peakRssMb} MB`);
      return r;
    } finally {
      await o.scratch.remove(sink);
    }
  };

  const sweeps: { knob: Knob; points: TunePoint[] }[] = [];
  for (const knob of o.knobs) {
    o.log(`Sweeping ${knob.name}: ${knob.values.join(', ')}`);
    const runs: TuneResult[][] = knob.values.map(() => []);
    for (let pass = 0; pass < o.repeats; pass++) {
      for (const i of passOrder(knob.values.length, pass)) {
        const v = knob.values[i]!;
        runs[i]!.push(await measure(`${knob.name}=${v}`, consistent(knob.settings(v, o.defaults))));
      }
    }
    const points = knob.values.map((value, i) => pointOf(value, consistent(knob.settings(value, o.defaults)), runs[i]!));
    sweeps.push({ knob, points });
  }

  // The defaults are in every sweep: how far their medians drift apart is what this machine's
  // noise does to a median; differences within it (and never under 5%) are ties.
  const atDefaults = sweeps.flatMap((s) => s.points.filter((p) => same(p.settings, o.defaults)));
  const noise =
    atDefaults.length >= 2
      ? statisticsOf(atDefaults.map((p) => p.rate.median)).spread
      : atDefaults.length === 1 && atDefaults[0]!.runs.length >= 2
        ? atDefaults[0]!.rate.spread
        : null;
  const tolerance = Math.max(0.05, noise ?? 0);
  const knobs: KnobOutcome[] = sweeps.map(({ knob, points }) => ({
    option: knob.option,
    name: knob.name,
    ...(knob.note && { note: knob.note }),
    points,
    recommendation: pickBest(
      points.map((p) => ({ value: p.value, recordsPerSecond: p.rate.median, peakRssMb: p.peakRssMb })),
      { tolerance, current: o.defaults[knob.option] },
    ),
  }));
  let recommended = consistent(knobs.reduce<TuneSettings>((s, k) => ({ ...s, [k.option]: k.recommendation.value }), o.defaults));

  let check: TuneOutcome['check'] = null;
  if (!same(recommended, o.defaults)) {
    o.log('Measuring the recommended combination against the defaults, side by side ...');
    const side: [TuneResult[], TuneResult[]] = [[], []];
    for (let pass = 0; pass < o.repeats; pass++) {
      for (const i of passOrder(2, pass)) side[i]!.push(await measure(i === 0 ? 'defaults' : 'recommended', i === 0 ? o.defaults : recommended));
    }
    const d = statisticsOf(side[0].map((r) => r.recordsPerSecond));
    const r = statisticsOf(side[1].map((x) => x.recordsPerSecond));
    // Knobs were swept one at a time; together they must at least hold their own.
    const kept = r.median >= d.median ? 'recommended' : 'defaults';
    if (kept === 'defaults') recommended = o.defaults;
    check = { defaults: d, recommended: r, kept };
  }
  return {
    sample: { records: sample.records, bytes: sample.bytes },
    scratch: o.scratch.description,
    repeats: o.repeats,
    cores: availableParallelism(),
    defaults: o.defaults,
    noise,
    tolerance,
    knobs,
    recommended,
    check,
    durationMillis: Math.round(performance.now() - t0),
  };
}

function pointOf(value: number, settings: TuneSettings, runs: readonly TuneResult[]): TunePoint {
  return {
    value,
    settings,
    runs,
    rate: statisticsOf(runs.map((r) => r.recordsPerSecond)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    failed: Math.max(...runs.map((r) => r.failed)),
  };
}
