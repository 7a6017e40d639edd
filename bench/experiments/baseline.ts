import { eachRun, fastest, type BenchContext, type Experiment, type ExperimentOutput } from '../lib/context.js';
import type { LoadResult } from '../lib/load-job.js';
import { barChart } from '../lib/svg-chart.js';
import { aggregateRate, partitionShare } from './instances.js';
import { coresUsed, cpuPerRecord, int, ms, num, othersCores, pct, ratio, type Table } from '../lib/table.js';

export const baseline: Experiment = {
  name: 'baseline',
  title: '5. Baseline: the same mapper in one thread (read, parse, map, insert in a loop)',
  async run(ctx: BenchContext): Promise<ExperimentOutput> {
    const n = ctx.config.records;
    const [pipe, single] = (await ctx.sideBySide(async () => [
      await ctx.job('pipeline', 'pipeline', n),
      await ctx.job('single-thread', 'single-thread', n),
    ])) as [LoadResult[], LoadResult[]];
    const p = fastest(pipe);
    const s = fastest(single);
    const speedUp = p.recordsPerSecond / s.recordsPerSecond;
    // The machine's own two-core scaling of this very work: two single-thread loops at once, one
    // process each, half the keys each, one sink file. No design can beat it by much on 2 cores.
    const pairs: { recordsPerSecond: number; each: string }[] = [];
    for (let i = 0; i < ctx.config.repeats; i++) {
      const endpoint = await ctx.endpoint(`baseline-pair-${i}`, n);
      const jobs = [0, 1].map((index) => ({
        kind: 'single-thread' as const,
        label: `single-thread-${index}-of-2`,
        endpoint,
        records: partitionShare(n, index, 2),
        settings: ctx.settings,
        partition: { index, count: 2 },
      }));
      ctx.log(`  two single-thread loops at once, ${int(n)} records ...`);
      const { results } = await ctx.runTogether(jobs, endpoint);
      const agg = aggregateRate(results);
      pairs.push({ recordsPerSecond: agg.recordsPerSecond, each: results.map((r) => int(r.recordsPerSecond)).join(' + ') });
      ctx.log(`    ${int(agg.recordsPerSecond)} records/s together`);
    }
    const pair = pairs.reduce((a, b) => (b.recordsPerSecond > a.recordsPerSecond ? b : a));
    const scaling = pair.recordsPerSecond / s.recordsPerSecond;
    const perRecord = (phase: string) => `${num(((s.phases[phase] ?? 0) * 1000) / Math.max(1, s.records), 1)} µs`;
    const table: Table = {
      title: `Single thread against the pipeline (${int(n)} ${ctx.config.size} records, same ${ctx.dbName} sink settings, batch ${int(ctx.settings.batchSize)}; ${ctx.config.repeats} runs each, order alternating; the fastest run of each)`,
      columns: ['load', 'threads', 'records/s', 'each run', 'wall', 'main busy', 'CPU / record', 'cores used', "others' cores", 'read / record', 'parse+map / record', 'insert / record', 'peak RSS'],
      rows: [
        ['single-thread loop', '1', int(s.recordsPerSecond), eachRun(single), ms(s.wallMillis), pct(s.mainThreadUtilisation), cpuPerRecord(s), coresUsed(s), othersCores(s), perRecord('read'), perRecord('parse+map'), perRecord('insert'), `${int(s.peakRssMb)} MB`],
        ['pipeline', `1 + ${ctx.settings.workers} workers`, int(p.recordsPerSecond), eachRun(pipe), ms(p.wallMillis), pct(p.mainThreadUtilisation), cpuPerRecord(p), coresUsed(p), othersCores(p), '–', '–', '–', `${int(p.peakRssMb)} MB`],
        ['two single-thread loops at once', '2 processes', int(pair.recordsPerSecond), pairs.map((x) => int(x.recordsPerSecond)).join(' / '), '–', '–', '–', '–', '–', '–', '–', '–', '–'],
      ],
      note:
        `speed-up = pipeline / single thread = ${ratio(speedUp)} (the ideal with ${ctx.settings.workers} workers on ${ctx.settings.workers} free cores is about ${ctx.settings.workers}×). ` +
        `This machine's own scaling of the same work to two cores: two single-thread loops at once (half the keys each, ${pair.each} records/s) do ${ratio(scaling)} of one; the pipeline reaches ${pct(speedUp / scaling, 0)} of that.`,
    };
    const chart = ctx.writeSvg(
      'baseline',
      barChart({
        title: `Pipeline vs single thread (${ctx.config.size}): ${ratio(speedUp)}`,
        yLabel: 'records/s',
        categories: ['single thread', `pipeline (${ctx.settings.workers} workers)`],
        series: [{ name: 'records/s', values: [s.recordsPerSecond, p.recordsPerSecond] }],
      }),
    );
    return {
      name: 'baseline',
      title: this.title,
      tables: [table],
      charts: [{ file: chart, title: 'Baseline' }],
      notes: [],
      data: { pipeline: pipe, singleThread: single, speedUp, twoLoops: pairs, twoCoreScaling: scaling },
      targets: {
        baseline: { pipeline: p.recordsPerSecond, singleThread: s.recordsPerSecond, others: Math.max(p.otherCores ?? 0, s.otherCores ?? 0) },
        peakRssMb: Math.max(...pipe.map((r) => r.peakRssMb)),
        firstCommitMillis: Math.max(...pipe.map((r) => r.firstCommitMillis ?? 0)),
      },
    };
  },
};
