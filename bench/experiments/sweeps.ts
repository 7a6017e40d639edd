import { eachRun, fastest, type BenchContext, type Experiment, type ExperimentOutput } from '../lib/context.js';
import type { LoadResult, LoadSettings } from '../lib/load-job.js';
import { pickBest, type Recommendation } from '../../src/tune/recommend.js';
import { passOrder, statisticsOf } from '../../src/tune/run-statistics.js';
import { barChart } from '../../src/tune/svg-chart.js';
import { cpuPerRecord, int, ms, othersCores, pct, type Table } from '../../src/tune/table.js';

/** One sweep: an option, the values tried, and how the other options follow it. */
export interface Sweep {
  readonly option: keyof LoadSettings;
  readonly values: readonly number[];
  /** Settings for one value (defaults for the rest, adjusted where a value needs it). */
  settings(value: number, defaults: LoadSettings): LoadSettings;
  readonly note?: string;
}

/** The sweeps of seed 001's tuning phase (II.3c), on Sluice's options. */
export function sweepsFor(full: boolean): Sweep[] {
  const sweeps: Sweep[] = [
    {
      option: 'queueSize',
      values: [500, 1000, 2000, 5000],
      // A batch larger than the queue can never fill: it would commit only on the maxBatchWaitMillis timer.
      settings: (v, d) => ({ ...d, queueSize: v, batchSize: Math.min(d.batchSize, Math.floor(v / 2)) }),
      note: 'batchSize is held at ≤ queueSize / 2: a batch larger than the queue never fills and commits only on the maxBatchWaitMillis timer',
    },
    {
      option: 'batchSize',
      values: full ? [50, 100, 200, 500, 1000, 2000, 5000] : [50, 200, 1000, 5000],
      settings: (v, d) => ({ ...d, batchSize: v, queueSize: Math.max(d.queueSize, 2 * v) }),
      note: `queueSize is raised to ≥ 2 × batchSize, so that reading can go on while a batch commits`,
    },
    { option: 'workers', values: [1, 2, 4], settings: (v, d) => ({ ...d, workers: v }) },
    { option: 'maxInFlightCommits', values: [1, 2, 4], settings: (v, d) => ({ ...d, maxInFlightCommits: v }) },
  ];
  if (full) {
    sweeps.push({
      option: 'taskSize',
      values: [25, 50, 100, 200, 500],
      settings: (v, d) => ({ ...d, taskSize: v }),
    });
  }
  return sweeps;
}

export const sweeps: Experiment = {
  name: 'sweeps',
  title: '3. Sweeps: queue size, batch size, workers, commits in flight (one process per setting)',
  async run(ctx: BenchContext): Promise<ExperimentOutput> {
    const n = ctx.config.sweepRecords;
    const tables: Table[] = [];
    const charts: { file: string; title: string }[] = [];
    const recommendations: { option: keyof LoadSettings; recommendation: Recommendation }[] = [];
    /** Every run of every setting, per option: runs[option][value index]. */
    const runs: Record<string, LoadResult[][]> = {};
    const data: Record<string, LoadResult[]> = {};
    const sweeps = sweepsFor(ctx.config.full);
    for (const sweep of sweeps) {
      const perValue: LoadResult[][] = sweep.values.map(() => []);
      for (let pass = 0; pass < ctx.config.sweepPasses; pass++) {
        for (const i of passOrder(sweep.values.length, pass)) {
          const v = sweep.values[i]!;
          perValue[i]!.push(await ctx.run(await ctx.job('pipeline', `${sweep.option}=${v}`, n, sweep.settings(v, ctx.settings))));
        }
      }
      runs[sweep.option] = perValue;
      data[sweep.option] = perValue.map(fastest);
    }
    // Identical settings (the defaults, in every sweep) show how much this machine's noise moves
    // a result: differences within that spread (at least 5%) are treated as ties: on a 2-core machine shared
    // with others, half of it let the recommendation flip between identical runs.
    const noise = noiseOf(Object.values(data).flat(), ctx.settings);
    const tolerance = Math.max(0.05, noise?.spread ?? 0);
    for (const sweep of sweeps) {
      const results = data[sweep.option]!;
      const points = results.map((r, i) => ({ value: sweep.values[i]!, recordsPerSecond: r.recordsPerSecond, peakRssMb: r.peakRssMb }));
      const rec = pickBest(points, { tolerance, current: ctx.settings[sweep.option] });
      recommendations.push({ option: sweep.option, recommendation: rec });
      const at = sweep.values.indexOf(ctx.settings[sweep.option]);
      const ref = results[at >= 0 ? at : 0]!.recordsPerSecond;
      tables.push({
        title: `${sweep.option} (${int(n)} ${ctx.config.size} records each, the fastest of ${ctx.config.sweepPasses} runs; others: workers ${ctx.settings.workers}, batch ${ctx.settings.batchSize}, queue ${ctx.settings.queueSize}, in flight ${ctx.settings.maxInFlightCommits})`,
        columns: [sweep.option, 'batch', 'queue', 'records/s', 'each run', `vs ${sweep.option}=${ctx.settings[sweep.option]}`, 'peak RSS', 'first commit', 'commit p95', 'workers busy', 'main busy', 'CPU / record', "others' cores"],
        rows: results.map((r, i) => [
          `${int(sweep.values[i]!)}${sweep.values[i] === rec.value ? ' ◀' : ''}`,
          int(r.settings.batchSize),
          int(r.settings.queueSize),
          int(r.recordsPerSecond),
          eachRun(runs[sweep.option]![i]!),
          pct(r.recordsPerSecond / ref, 0),
          `${int(r.peakRssMb)} MB`,
          r.firstCommitMillis === null ? '–' : ms(r.firstCommitMillis),
          ms(r.report!.latency.commit.p95),
          pct(r.report!.workers.utilisation),
          pct(r.mainThreadUtilisation),
          cpuPerRecord(r),
          othersCores(r),
        ]),
        note: `◀ recommended: ${sweep.option} = ${rec.value} — ${rec.reason}${sweep.note ? `. Note: ${sweep.note}.` : ''}`,
      });
      charts.push({
        title: `Sweep: ${sweep.option}`,
        file: ctx.writeSvg(
          `sweep-${sweep.option}`,
          barChart({
            title: `${sweep.option}: records/s (peak RSS under each bar)`,
            yLabel: 'records/s',
            categories: results.map((r, i) => `${sweep.values[i]} (${r.peakRssMb} MB)`),
            series: [{ name: 'records/s', values: results.map((r) => r.recordsPerSecond) }],
          }),
        ),
      });
    }
    const notes = noise
      ? [
          `Noise: the default settings are in every sweep; their fastest runs measured ${int(noise.min)}–${int(noise.max)} records/s over the ${noise.runs} sweeps, a spread of ${pct(noise.spread, 0)} of their median.` +
            ` Settings within ${pct(tolerance, 0)} of the fastest were treated as ties (the default is kept if it is one of them, else the cheapest is recommended).` +
            (noise.spread > 0.2 ? ' Differences smaller than the spread are not significant on this machine: rerun the sweeps on a quiet machine (or with --full) before acting on them.' : ''),
        ]
      : [];
    return { name: 'sweeps', title: this.title, tables, charts, notes, data: { fastest: data, runs, noise, tolerance }, recommendations };
  },
};

/** Spread of the results at exactly the default settings (one per sweep): the machine's noise. */
export function noiseOf(results: readonly LoadResult[], defaults: LoadSettings): { runs: number; min: number; max: number; spread: number } | undefined {
  const same = results.filter((r) => (Object.keys(defaults) as (keyof LoadSettings)[]).every((k) => r.settings[k] === defaults[k])).map((r) => r.recordsPerSecond);
  if (same.length < 2) return undefined;
  const { runs, min, max, spread } = statisticsOf(same);
  return { runs, min, max, spread };
}
