import type { BenchContext, Experiment, ExperimentOutput } from '../lib/context.js';
import type { LoadResult } from '../lib/load-job.js';
import { rssBetween } from '../lib/rss.js';
import { barChart, lineChart } from '../../src/tune/svg-chart.js';
import { cpuPerRecord, int, ms, num, othersCores, type Table } from '../../src/tune/table.js';
import type { TargetInputs } from '../lib/targets.js';

/**
 * RSS early and late in the largest run: at 10% of its records (100k of 1M) and over its last
 * 10%, each the mean of the samples in a ±10% window.
 */
export function rssGrowth(r: LoadResult): NonNullable<TargetInputs['rssGrowth']> | undefined {
  const total = r.records;
  const earlyAt = Math.round(total / 10);
  const earlyMb = rssBetween(r.rssSamples, earlyAt * 0.9, earlyAt * 1.1);
  const lateMb = rssBetween(r.rssSamples, total * 0.9, total);
  if (earlyMb === undefined || lateMb === undefined) return undefined;
  return { earlyAt, earlyMb, lateAt: total, lateMb };
}

export const scale: Experiment = {
  name: 'scale',
  title: '6. Scale: records/s and RSS as the input grows',
  async run(ctx: BenchContext): Promise<ExperimentOutput> {
    const results: LoadResult[] = [];
    for (const n of ctx.config.scale) results.push(await ctx.run(await ctx.job('pipeline', `scale-${n}`, n)));
    const largest = results[results.length - 1]!;
    const growth = rssGrowth(largest);
    const table: Table = {
      title: `Scale (${ctx.config.size}, ${ctx.settings.workers} workers, default settings)`,
      columns: ['records', 'records/s', 'wall', 'wall / record', 'CPU / record', "others' cores", 'peak RSS', 'RSS at end', 'first commit'],
      rows: results.map((r) => [
        int(r.records),
        int(r.recordsPerSecond),
        ms(r.wallMillis),
        `${num((r.wallMillis * 1000) / r.records, 1)} µs`,
        cpuPerRecord(r),
        othersCores(r),
        `${int(r.peakRssMb)} MB`,
        `${int(r.rssSamples[r.rssSamples.length - 1]?.[1] ?? 0)} MB`,
        r.firstCommitMillis === null ? '–' : ms(r.firstCommitMillis),
      ]),
      note: growth
        ? `RSS in the ${int(largest.records)} run: ${int(growth.earlyMb)} MB around ${int(growth.earlyAt)} records, ${int(growth.lateMb)} MB over the last 10% (${num((growth.lateMb / growth.earlyMb - 1) * 100)}%)`
        : undefined,
    };
    const charts = [
      {
        title: 'RSS as records are processed',
        file: ctx.writeSvg(
          'scale-rss',
          lineChart({
            title: `RSS while loading (${ctx.config.size}, ${ctx.settings.workers} workers)`,
            xLabel: 'records done',
            yLabel: 'RSS (MB)',
            series: results.map((r) => ({ name: `${int(r.records)} records`, points: r.rssSamples })),
            marks: [{ y: 350, label: 'target 350 MB' }],
          }),
        ),
      },
      {
        title: 'Records/s by input size',
        file: ctx.writeSvg(
          'scale-throughput',
          barChart({
            title: 'Records/s by input size (flat = cost per record does not grow)',
            yLabel: 'records/s',
            categories: results.map((r) => `${int(r.records)} records`),
            series: [{ name: 'records/s', values: results.map((r) => r.recordsPerSecond) }],
          }),
        ),
      },
    ];
    return {
      name: 'scale',
      title: this.title,
      tables: [table],
      charts,
      notes: [],
      data: { results, rssGrowth: growth },
      targets: {
        ...(growth && { rssGrowth: growth }),
        peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
        firstCommitMillis: Math.max(...results.map((r) => r.firstCommitMillis ?? 0)),
      },
    };
  },
};
