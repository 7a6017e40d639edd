import { eachRun, fastest, type BenchContext, type Experiment, type ExperimentOutput } from '../lib/context.js';
import type { LoadResult } from '../lib/load-job.js';
import { barChart } from '../../src/tune/svg-chart.js';
import { coresUsed, cpuPerRecord, int, ms, othersCores, pct, ratio, type Table } from '../../src/tune/table.js';

/** The sink ceiling pre-maps every record in memory first; this many are plenty for a rate. */
const SINK_CEILING_MAX_RECORDS = 50_000;

export const ceilings: Experiment = {
  name: 'ceilings',
  title: '4. Ceilings: parse-and-map alone, the sink alone, reading alone, against the pipeline',
  async run(ctx: BenchContext): Promise<ExperimentOutput> {
    const n = ctx.config.records;
    const sinkN = Math.min(n, SINK_CEILING_MAX_RECORDS);
    const runs = (await ctx.sideBySide(async () => [
      await ctx.job('pipeline', 'pipeline', n),
      await ctx.job('parse-map', 'parse+map ceiling', n),
      await ctx.job('sink-only', 'sink ceiling', sinkN),
      await ctx.job('source-only', 'read ceiling', n),
    ])) as [LoadResult[], LoadResult[], LoadResult[], LoadResult[]];
    const [p, pm, sk, rd] = runs.map(fastest) as [LoadResult, LoadResult, LoadResult, LoadResult];
    const slower = pm.recordsPerSecond <= sk.recordsPerSecond ? pm : sk;
    const toSlower = p.recordsPerSecond / slower.recordsPerSecond;
    const row = (name: string, what: string, all: LoadResult[], r: LoadResult) => [
      name,
      what,
      int(r.records),
      int(r.recordsPerSecond),
      eachRun(all),
      ms(r.wallMillis),
      r.workerUtilisation === null ? '–' : pct(r.workerUtilisation),
      pct(r.mainThreadUtilisation),
      cpuPerRecord(r),
      coresUsed(r),
      othersCores(r),
      r === p ? '–' : ratio(p.recordsPerSecond / r.recordsPerSecond),
    ];
    const table: Table = {
      title: `Ceilings (${ctx.config.size}, ${ctx.settings.workers} workers, batch ${int(ctx.settings.batchSize)}, ${ctx.dbName}; ${ctx.config.repeats} runs each, order alternating; the fastest run of each)`,
      columns: ['load', 'what runs', 'records', 'records/s', 'each run', 'wall', 'workers busy', 'main busy', 'CPU / record', 'cores used', "others' cores", 'pipeline / this'],
      rows: [
        row('pipeline', 'everything, overlapped', runs[0], p),
        row('parse+map ceiling', 'pipeline into a sink that discards', runs[1], pm),
        row('sink ceiling', 'commits of pre-mapped rows only', runs[2], sk),
        row('read ceiling', 'source pages only', runs[3], rd),
      ],
      note: `pipeline / slower ceiling (${slower === pm ? 'parse+map' : 'sink'}) = ${ratio(toSlower)}. The ceilings each had the machine to themselves; in the pipeline the ${ctx.settings.workers} workers${ctx.config.db === 'sqlite' ? ' (which also run the SQLite commits)' : ''} and the main thread share its cores.`,
    };
    const chart = ctx.writeSvg(
      'ceilings',
      barChart({
        title: `Pipeline against its ceilings (${ctx.config.size}): ${ratio(toSlower)} of the slower`,
        yLabel: 'records/s',
        categories: ['pipeline', 'parse+map alone', 'sink alone', 'read alone'],
        series: [{ name: 'records/s', values: [p, pm, sk, rd].map((r) => r.recordsPerSecond) }],
      }),
    );
    return {
      name: 'ceilings',
      title: this.title,
      tables: [table],
      charts: [{ file: chart, title: 'Ceilings' }],
      notes: [],
      data: { pipeline: runs[0], parseMap: runs[1], sink: runs[2], read: runs[3], ratioToSlower: toSlower },
      targets: {
        ceilings: { pipeline: p.recordsPerSecond, parseMap: pm.recordsPerSecond, sink: sk.recordsPerSecond, others: Math.max(p.otherCores ?? 0, slower.otherCores ?? 0) },
        peakRssMb: Math.max(...runs[0].map((r) => r.peakRssMb)),
        firstCommitMillis: Math.max(...runs[0].map((r) => r.firstCommitMillis ?? 0)),
      },
    };
  },
};
