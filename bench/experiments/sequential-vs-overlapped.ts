import { eachRun, fastest, type BenchContext, type Experiment, type ExperimentOutput } from '../lib/context.js';
import type { LoadResult } from '../lib/load-job.js';
import { barChart } from '../../src/tune/svg-chart.js';
import { coresUsed, cpuPerRecord, int, ms, othersCores, pct, ratio, type Table } from '../../src/tune/table.js';

function phases(r: LoadResult): string {
  const p = Object.entries(r.phases);
  return p.length ? p.map(([k, v]) => `${k} ${ms(v)}`).join(', ') : 'overlapped';
}

export const sequential: Experiment = {
  name: 'sequential',
  title: '2. Sequential (read a batch, parse it all, insert it all) against overlapped',
  async run(ctx: BenchContext): Promise<ExperimentOutput> {
    const n = ctx.config.records;
    const [overlapped, seq] = (await ctx.sideBySide(async () => [
      await ctx.job('pipeline', 'overlapped', n),
      await ctx.job('sequential', 'sequential', n),
    ])) as [LoadResult[], LoadResult[]];
    const o = fastest(overlapped);
    const s = fastest(seq);
    const row = (name: string, runs: LoadResult[], r: LoadResult) => [
      name,
      int(r.recordsPerSecond),
      eachRun(runs),
      ms(r.wallMillis),
      r.workerUtilisation === null ? '–' : pct(r.workerUtilisation),
      pct(r.mainThreadUtilisation),
      cpuPerRecord(r),
      coresUsed(r),
      othersCores(r),
      r.firstCommitMillis === null ? '–' : ms(r.firstCommitMillis),
      `${int(r.peakRssMb)} MB`,
      phases(r),
    ];
    const ratioOS = o.recordsPerSecond / s.recordsPerSecond;
    const table: Table = {
      title: `Same data (${int(n)} ${ctx.config.size} records), ${ctx.settings.workers} workers, batch ${int(ctx.settings.batchSize)}, same ${ctx.dbName} sink; ${ctx.config.repeats} runs each, order alternating; the fastest run of each`,
      columns: ['architecture', 'records/s', 'each run', 'wall', 'workers busy', 'main busy', 'CPU / record', 'cores used', "others' cores", 'first commit', 'peak RSS', 'time by phase'],
      rows: [row('batch-sequential', seq, s), row('overlapped pipeline', overlapped, o)],
      note: `overlapped / sequential = ${ratio(ratioOS)}`,
    };
    const chart = ctx.writeSvg(
      'sequential-vs-overlapped',
      barChart({
        title: `Sequential vs overlapped (${ctx.config.size}, ${ctx.settings.workers} workers): ${ratio(ratioOS)}`,
        yLabel: 'records/s',
        categories: ['batch-sequential', 'overlapped pipeline'],
        series: [{ name: 'records/s', values: [s.recordsPerSecond, o.recordsPerSecond] }],
      }),
    );
    return {
      name: 'sequential',
      title: this.title,
      tables: [table],
      charts: [{ file: chart, title: 'Sequential vs overlapped' }],
      notes: [],
      data: { overlapped, sequential: seq, ratio: ratioOS },
      targets: {
        overlap: { overlapped: o.recordsPerSecond, sequential: s.recordsPerSecond, others: Math.max(o.otherCores ?? 0, s.otherCores ?? 0) },
        peakRssMb: Math.max(...overlapped.map((r) => r.peakRssMb)),
        firstCommitMillis: Math.max(...overlapped.map((r) => r.firstCommitMillis ?? 0)),
      },
    };
  },
};
