import type { BenchContext, Experiment, ExperimentOutput, InstanceMode } from '../lib/context.js';
import type { LoadResult } from '../lib/load-job.js';
import { barChart } from '../../src/tune/svg-chart.js';
import { int, ms, ratio, type Table } from '../../src/tune/table.js';

/** Keys among 1..records with key % count === index. */
export function partitionShare(records: number, index: number, count: number): number {
  if (count === 1) return records;
  return Math.floor(records / count) + (index >= 1 && index <= records % count ? 1 : 0);
}

/** Records per second over the span from the first start to the last finish. */
export function aggregateRate(results: readonly LoadResult[]): { records: number; wallMillis: number; recordsPerSecond: number } {
  const records = results.reduce((s, r) => s + r.records, 0);
  const start = Math.min(...results.map((r) => r.startedAtEpochMillis));
  const end = Math.max(...results.map((r) => r.finishedAtEpochMillis));
  const wallMillis = Math.max(1, end - start);
  return { records, wallMillis, recordsPerSecond: Math.round((records * 1000) / wallMillis) };
}

/** Static partitions, as the origin system's --instance-id / --instance-count. */
const moduloMode: InstanceMode = {
  name: 'static modulo partitions',
  jobs: async (count, endpoint, settings, records) =>
    Array.from({ length: count }, (_, i) => ({
      kind: 'pipeline' as const,
      label: `modulo-${i}-of-${count}`,
      endpoint,
      records: partitionShare(records, i, count),
      settings,
      ...(count > 1 && { partition: { index: i, count } }),
    })),
};

export const instances: Experiment = {
  name: 'instances',
  title: '7. Instances: 1, 2, 3 processes sharing the work (seed 000’s table)',
  async run(ctx: BenchContext): Promise<ExperimentOutput> {
    const n = ctx.config.instanceRecords;
    const s = ctx.settings;
    const modes = [moduloMode, ...ctx.provider.instanceModes];
    const rows: string[][] = [];
    const data: { mode: string; count: number; results: LoadResult[]; aggregate: ReturnType<typeof aggregateRate>; log: { entries: number; duplicates: number } }[] = [];
    for (const mode of modes) {
      let one = 0;
      for (const count of [1, 2, 3]) {
        const endpoint = await ctx.endpoint(`instances-${count}`, n);
        const jobs = await mode.jobs(count, endpoint, s, n);
        ctx.log(`  ${count} instance(s), ${mode.name}, ${int(n)} records, ${s.workers} workers each ...`);
        const { results, log } = await ctx.runTogether(jobs, endpoint);
        const agg = aggregateRate(results);
        if (count === 1) one = agg.recordsPerSecond;
        data.push({ mode: mode.name, count, results, aggregate: agg, log });
        ctx.log(`    ${int(agg.recordsPerSecond)} records/s together; processing_log: ${int(log.entries)} entries, ${log.duplicates} duplicates`);
        rows.push([
          mode.name,
          String(count),
          int(agg.recordsPerSecond),
          ratio(agg.recordsPerSecond / one),
          results.map((r) => int(r.recordsPerSecond)).join(' / '),
          ms(agg.wallMillis),
          `${int(results.reduce((a, r) => a + r.peakRssMb, 0))} MB`,
          `${int(log.entries)}${log.entries === n ? ' (all)' : ` of ${int(n)}`}, ${log.duplicates} twice`,
        ]);
      }
    }
    const table: Table = {
      title: `Instances (${int(n)} ${ctx.config.size} records in all, ${s.workers} workers per instance, one ${ctx.config.db === 'sqlite' ? 'SQLite file' : 'PostgreSQL database'} for all)`,
      columns: ['mode', 'instances', 'records/s together', 'vs 1', 'each (records/s)', 'wall', 'peak RSS (sum)', 'processing_log keys'],
      rows,
      note: `Every instance adds threads to the same cores${ctx.config.db === 'sqlite' ? ', and SQLite takes one writer at a time' : ''}: more processes help only where the database, not the CPU, is what the loads wait for (the origin system waited on SQL Server I/O).`,
    };
    const chart = ctx.writeSvg(
      'instances',
      barChart({
        title: `Records/s with 1, 2, 3 instances (${ctx.config.size})`,
        yLabel: 'records/s',
        categories: ['1 instance', '2 instances', '3 instances'],
        series: modes.map((m) => ({ name: m.name, values: data.filter((d) => d.mode === m.name).map((d) => d.aggregate.recordsPerSecond) })),
      }),
    );
    return { name: 'instances', title: this.title, tables: [table], charts: [{ file: chart, title: 'Instances' }], notes: [], data };
  },
};
