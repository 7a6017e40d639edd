import { DOCUMENT_SHAPES, type DocumentShape } from '../../src/demo/index.js';
import { eachRun, fastest, type BenchContext, type Experiment, type ExperimentOutput } from '../lib/context.js';
import type { LoadResult } from '../lib/load-job.js';
import { barChart } from '../../src/tune/svg-chart.js';
import { cores, coresUsed, int, num, othersCores, ratio, type Table } from '../../src/tune/table.js';
import type { LoopComparison } from '../lib/targets.js';
import { aggregateRate, partitionShare } from './instances.js';
import { runTogether } from '../lib/child-runner.js';

/** CPU time per record, µs. */
export const cpuMicros = (r: LoadResult): number => (r.cpuMillis * 1000) / Math.max(1, r.records);
/** CPU time per record after warm-up (the first 20% of the records), µs; the whole run's where not measured. */
export const steadyCpuMicros = (r: LoadResult): number => r.steadyCpuMicros ?? cpuMicros(r);
/** Records/s after warm-up (the first 20% of the records); the whole run's where not measured. */
export const steadyRate = (r: LoadResult): number => r.steadyRecordsPerSecond ?? r.recordsPerSecond;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const spread = (xs: readonly number[], f: (x: number) => string): string => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;

const pipelines = (data: Record<string, unknown>): LoadResult[] =>
  Object.values(data).flatMap((d) => [...(d as { pipeline: LoadResult[] }).pipeline, ...(d as { pipelineMapping: LoadResult[] }).pipelineMapping]);

export const loopExperiment: Experiment = {
  name: 'loop',
  title: '5. Against the hand-written loop (bench/loop/): the program a user writes instead, both document shapes',
  async run(ctx: BenchContext): Promise<ExperimentOutput> {
    const db = ctx.config.db;
    const dbName = db === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const n = ctx.config.records;
    const tables: Table[] = [];
    const comparisons: Partial<Record<DocumentShape, LoopComparison>> = {};
    const mappingComparisons: Partial<Record<DocumentShape, LoopComparison>> = {};
    const data: Record<string, unknown> = {};
    for (const shape of DOCUMENT_SHAPES) {
      ctx.log(`  ${shape} documents:`);
      // The pipeline as the issue's user ran it (a mapper in code), and with the same tables as a
      // declarative mapping file (read without an element tree).
      const [pipe, mapped, loop] = (await ctx.sideBySide(async () => [
        await ctx.job('pipeline', `pipeline-${shape}`, n, {}, shape),
        await ctx.job('pipeline', `pipeline-mapping-${shape}`, n, {}, shape, true),
        await ctx.job('loop', `loop-${shape}`, n, {}, shape),
      ])) as [LoadResult[], LoadResult[], LoadResult[]];
      // Two loops at once (two processes, half the keys each, each into a sink of its own): what a
      // second core gives two independent single-thread programs on this machine. Into one SQLite
      // file they would take turns (a loop holds the write lock for its whole transaction, parsing
      // included), and the pair would measure that lock, not the cores.
      const pairs: number[] = [];
      const pairCpu: number[] = [];
      for (let i = 0; i < ctx.config.repeats; i++) {
        const endpoints = await Promise.all([0, 1].map((index) => ctx.endpoint(`loop-pair-${shape}-${i}-${index}`, n, shape)));
        const jobs = [0, 1].map((index) => ({
          kind: 'loop' as const, label: `loop-${index}-of-2`, endpoint: endpoints[index]!, shape, records: partitionShare(n, index, 2), settings: ctx.settings, partition: { index, count: 2 },
        }));
        try {
          const together = await runTogether(jobs);
          pairs.push(aggregateRate(together).recordsPerSecond);
          pairCpu.push((together.reduce((t, r) => t + r.cpuMillis, 0) * 1000) / Math.max(1, together.reduce((t, r) => t + r.records, 0)));
        } finally {
          for (const e of endpoints) await ctx.provider.cleanup(e);
        }
        ctx.log(`    two loops at once: ${int(pairs[i]!)} records/s, ${int(pairCpu[i]!)} µs CPU a record`);
      }
      const l = fastest(loop);
      const compare = (runs: LoadResult[]): LoopComparison => ({
        pipeline: fastest(runs).recordsPerSecond, loop: l.recordsPerSecond, rounds: runs.map((r, i) => r.recordsPerSecond / loop[i]!.recordsPerSecond),
        pipelineCpuMicros: median(runs.map(cpuMicros)), loopCpuMicros: median(loop.map(cpuMicros)), cpuRounds: runs.map((r, i) => cpuMicros(r) / cpuMicros(loop[i]!)),
        pipelineSteadyCpuMicros: median(runs.map(steadyCpuMicros)), loopSteadyCpuMicros: median(loop.map(steadyCpuMicros)),
        pipelineSteady: Math.max(...runs.map(steadyRate)), loopSteady: Math.max(...loop.map(steadyRate)),
        pipelineRssMb: Math.max(...runs.map((r) => r.peakRssMb)), loopRssMb: Math.max(...loop.map((r) => r.peakRssMb)),
        others: Math.max(fastest(runs).otherCores ?? 0, l.otherCores ?? 0),
        db,
        twoLoops: Math.max(...pairs),
        twoLoopsCpuMicros: median(pairCpu),
      });
      const c = (comparisons[shape] = compare(pipe));
      const cm = (mappingComparisons[shape] = compare(mapped));
      data[shape] = { pipeline: pipe, pipelineMapping: mapped, loop, twoLoops: pairs, twoLoopsCpuMicros: pairCpu };
      const p = fastest(pipe);
      const summary = (name: string, x: LoopComparison) =>
        `${name} / loop: ${ratio(x.pipeline / x.loop)} fastest against fastest (rounds: ${x.rounds.map(ratio).join(', ')}), ` +
        `after warm-up ${ratio(x.pipelineSteady! / x.loopSteady!)} (${int(x.pipelineSteady!)} against ${int(x.loopSteady!)} records/s); ` +
        `CPU per record ${ratio(x.pipelineCpuMicros / x.loopCpuMicros)} the loop's (median ${int(x.pipelineCpuMicros)} against ${int(x.loopCpuMicros)} µs; rounds ${x.cpuRounds.map(ratio).join(', ')}), ` +
        `after warm-up ${ratio(x.pipelineSteadyCpuMicros! / x.loopSteadyCpuMicros!)} (${int(x.pipelineSteadyCpuMicros!)} against ${int(x.loopSteadyCpuMicros!)} µs)`;
      // Into PostgreSQL the server's processes work for the load: their cores are shown apart, not as others'.
      const server = db === 'postgres';
      const row = (name: string, threads: string, rs: LoadResult[], best: LoadResult) => [
        name, threads, int(best.recordsPerSecond), eachRun(rs), rs.map((r) => int(steadyRate(r))).join(' / '), spread(rs.map(cpuMicros), (x) => `${int(x)} µs`), spread(rs.map(steadyCpuMicros), (x) => `${int(x)} µs`), coresUsed(best),
        ...(server ? [cores(best.databaseCores)] : []), othersCores(best), `${int(Math.max(...rs.map((r) => r.peakRssMb)))} MB`,
      ];
      tables.push({
        title: `${shape} documents: pipeline against the hand-written loop (${int(n)} medium records, ${dbName}; ${ctx.config.repeats} rounds, order alternating)`,
        columns: ['load', 'threads', 'records/s (fastest)', 'each run', 'each run after warm-up', 'CPU / record (each run)', 'after warm-up', 'cores used', ...(server ? ["the database's cores"] : []), "others' cores", 'peak RSS'],
        rows: [
          row('hand-written loop', '1', loop, l),
          row('pipeline', `1 + ${ctx.settings.workers} workers`, pipe, p),
          row('pipeline, mapping file', `1 + ${ctx.settings.workers} workers`, mapped, fastest(mapped)),
          ['two loops at once', '2 processes', int(Math.max(...pairs)), pairs.map(int).join(' / '), '–', spread(pairCpu, (x) => `${int(x)} µs`), '–', '–', ...(server ? ['–'] : []), '–', '–'],
        ],
        note: `${summary('pipeline', c)}; ${summary('pipeline with the mapping file', cm)}; two loops at once do ${ratio(Math.max(...pairs) / l.recordsPerSecond)} of one loop, at ${ratio(median(pairCpu) / c.loopCpuMicros)} its CPU per record.`,
      });
    }
    const chart = ctx.writeSvg(
      'loop',
      barChart({
        title: `Pipeline against the hand-written loop, ${dbName} (records/s)`,
        yLabel: 'records/s',
        categories: DOCUMENT_SHAPES.map((s) => s),
        series: [
          { name: 'hand-written loop', values: DOCUMENT_SHAPES.map((s) => comparisons[s]!.loop) },
          { name: `pipeline (${ctx.settings.workers} workers)`, values: DOCUMENT_SHAPES.map((s) => comparisons[s]!.pipeline) },
          { name: 'pipeline, mapping file', values: DOCUMENT_SHAPES.map((s) => mappingComparisons[s]!.pipeline) },
        ],
      }),
    );
    return {
      name: 'loop',
      title: this.title,
      tables,
      charts: [{ file: chart, title: 'Pipeline against the hand-written loop' }],
      notes: [`CPU per record is the whole process's (all threads) over its records: what a load cost whatever else ran; "after warm-up" (records/s and CPU) counts only the records after the first 20% and the time and CPU they took (threads started, every isolate's code compiled: a run's fixed costs, which three isolates pay three times), the rate a larger run approaches; spread ${DOCUMENT_SHAPES.map((s) => `${s} ${spread(comparisons[s]!.cpuRounds, (x) => num(x, 2))}×`).join(', ')}.`],
      data: { ...data, comparisons, mappingComparisons },
      targets: {
        loop: comparisons,
        loopMapping: mappingComparisons,
        peakRssMb: Math.max(...pipelines(data).map((r) => r.peakRssMb)),
        firstCommitMillis: Math.max(...pipelines(data).map((r) => r.firstCommitMillis ?? 0)),
      },
    };
  },
};
