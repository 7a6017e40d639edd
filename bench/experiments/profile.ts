import { eachRun, fastest, type BenchContext, type Experiment, type ExperimentOutput } from '../lib/context.js';
import type { LoadResult } from '../lib/load-job.js';
import type { RunReport } from '../lib/sluice.js';
import { barChart, lineChart } from '../../src/tune/svg-chart.js';
import { coresUsed, cpuPerRecord, int, ms, num, othersCores, pct, type Table } from '../../src/tune/table.js';

type Summary = RunReport['latency']['read'];
const total = (s: Summary) => s.mean * s.count;

/** One row of "where the time goes". */
export interface TimeShare {
  readonly thread: 'workers' | 'main' | 'database';
  readonly activity: string;
  readonly millis: number;
  /** Share of the thread's capacity: wall × workers for the workers, wall for the main thread. */
  readonly share: number;
}

/**
 * Splits a pipeline run's time: worker capacity (workers × wall) into parse, map, task overhead
 * and idle (and commits, when the workers commit); the main thread's wall into reading,
 * committing (SQLite commits on the main thread), the rest of its busy
 * time (orchestration, messaging, GC) and idle.
 */
export function timeShares(r: LoadResult, inThreadDatabase: boolean): TimeShare[] {
  const report = r.report!;
  const wall = r.wallMillis;
  const capacity = wall * report.workers.count;
  const parse = total(report.latency.parse);
  const map = total(report.latency.map);
  const busy = report.workers.busyMillis;
  const read = total(report.latency.read);
  const commit = total(report.latency.commit);
  const mainBusy = r.mainThreadUtilisation * wall;
  const w = (activity: string, millis: number): TimeShare => ({ thread: 'workers', activity, millis, share: millis / capacity });
  const m = (activity: string, millis: number): TimeShare => ({ thread: 'main', activity, millis, share: millis / wall });
  if (!inThreadDatabase) {
    // An asynchronous driver: reads and commits are awaited (the main thread is free meanwhile) and may overlap.
    return [
      w('parse XML', parse),
      w('map rows', map),
      w('task overhead (load, collect, clone)', Math.max(0, busy - parse - map)),
      w('idle', Math.max(0, capacity - busy)),
      m('busy (orchestration, messages, driver, GC)', mainBusy),
      m('idle (waiting)', Math.max(0, wall - mainBusy)),
      { thread: 'database', activity: 'read pages (awaited)', millis: read, share: read / wall },
      { thread: 'database', activity: 'commits (awaited, may overlap)', millis: commit, share: commit / wall },
    ];
  }
  return [
    w('parse XML', parse),
    w('map rows', map),
    w('task overhead (load, collect, clone)', Math.max(0, busy - parse - map)),
    w('idle', Math.max(0, capacity - busy)),
    m('read pages', read),
    m('commit (SQLite runs in this thread)', commit),
    m('other busy (orchestration, messages, GC)', Math.max(0, mainBusy - read - commit)),
    m('idle (waiting)', Math.max(0, wall - mainBusy)),
  ];
}

/** Which side limits the run, in a sentence. */
export function bottleneck(r: LoadResult, inThreadDatabase: boolean): string {
  const report = r.report!;
  const workers = report.workers.utilisation;
  const main = r.mainThreadUtilisation;
  const commitShare = total(report.latency.commit) / r.wallMillis;
  if (main >= 0.85 && main >= workers) {
    const committing = inThreadDatabase ? `, committing ${pct(commitShare)} of the time` : '';
    return `the main thread (busy ${pct(main)}${committing}) while workers are busy ${pct(workers)}: the main thread is the bottleneck; workers wait for it`;
  }
  if (workers >= 0.85) return `the workers (busy ${pct(workers)}): parsing and mapping is the bottleneck; the main thread is busy ${pct(main)}`;
  return `neither side is saturated (workers ${pct(workers)}, main thread ${pct(main)}): the stages wait for one another (batch boundaries, latency, and ${report.workers.count} workers plus the main thread sharing the machine's cores)`;
}

/** When the queue first reached its capacity, against the first commit: a commit that waits for a full queue waits for reading to stop. */
export function queueFillNote(r: LoadResult): string | undefined {
  const report = r.report!;
  const full = report.queue.depthOverTime.find(([, depth]) => depth >= report.queue.capacity);
  if (!full || r.firstCommitMillis === null) return undefined;
  const [at] = full;
  return r.firstCommitMillis >= at
    ? `The queue first reached its capacity (${int(report.queue.capacity)}) at ${ms(at)} and the first commit came at ${ms(r.firstCommitMillis)}, after it: the first batch (${int(report.settings.batchSize)} records) waited until reading had to stop.`
    : `The first commit came at ${ms(r.firstCommitMillis)}, before the queue first reached its capacity (${int(report.queue.capacity)}, at ${ms(at)}).`;
}

export const profile: Experiment = {
  name: 'profile',
  title: '1. Profile: per-stage latency, worker busy/idle, queue depth, where the time goes',
  async run(ctx: BenchContext): Promise<ExperimentOutput> {
    const n = ctx.config.records;
    const runs: LoadResult[] = [];
    for (let i = 0; i < ctx.config.repeats; i++) runs.push(await ctx.run(await ctx.job('pipeline', 'profile', n)));
    // The fastest run: the one least disturbed by other work on the machine.
    const r = fastest(runs);
    const report = r.report!;
    const L = report.latency;
    const stages: [string, string, Summary][] = [
      ['read', 'page', L.read],
      ['parse', 'record', L.parse],
      ['map', 'record', L.map],
      ['queue wait', 'record', L.queueWait],
      ['commit', 'batch', L.commit],
    ];
    const latency: Table = {
      title: `Per-stage latency, ${int(n)} ${ctx.config.size} records, ${report.workers.count} workers`,
      columns: ['stage', 'per', 'count', 'p50', 'p95', 'p99', 'max', 'mean'],
      rows: stages.map(([name, per, s]) => [name, per, int(s.count), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), ms(s.mean)]),
    };
    const shares = timeShares(r, ctx.config.db === 'sqlite');
    const where: Table = {
      title: 'Where the time goes',
      columns: ['thread', 'activity', 'total', 'per record', 'share of thread'],
      rows: shares.map((s) => [s.thread, s.activity, ms(s.millis), `${num((s.millis * 1000) / Math.max(1, r.records), 1)} µs`, pct(s.share)]),
      note: `Shares: of ${report.workers.count} × wall for the workers, of the wall (${ms(r.wallMillis)}) for the main thread${ctx.config.db === 'sqlite' ? '' : ' and the database'}.`,
    };
    const summary: Table = {
      title: `Run (the fastest of ${runs.length}: ${eachRun(runs)} records/s)`,
      columns: ['records/s', 'wall', 'first commit', 'workers busy', 'main thread busy', 'CPU / record', 'cores used', "others' cores", 'max queue depth', 'commits', 'peak RSS', 'load avg'],
      rows: [
        [
          int(r.recordsPerSecond),
          ms(r.wallMillis),
          r.firstCommitMillis === null ? '–' : ms(r.firstCommitMillis),
          pct(report.workers.utilisation),
          pct(r.mainThreadUtilisation),
          cpuPerRecord(r),
          coresUsed(r),
          othersCores(r),
          `${int(report.queue.maxDepth)} / ${int(report.queue.capacity)}`,
          int(report.counts.commits),
          `${int(r.peakRssMb)} MB`,
          num(r.loadAverage, 2),
        ],
      ],
    };
    const charts = [
      {
        title: 'Per-stage latency',
        file: ctx.writeSvg(
          'profile-latency',
          barChart({
            title: `Per-stage latency (ms, log scale), ${ctx.config.size} documents`,
            yLabel: 'milliseconds',
            categories: stages.map(([name, per]) => `${name} (per ${per})`),
            series: (['p50', 'p95', 'p99', 'max'] as const).map((p) => ({ name: p, values: stages.map(([, , s]) => s[p]) })),
            log: true,
          }),
        ),
      },
      {
        title: 'Queue depth over time',
        file: ctx.writeSvg(
          'profile-queue-depth',
          lineChart({
            title: 'Records read but not committed (queue depth) over time',
            xLabel: 'elapsed (ms)',
            yLabel: 'records in flight',
            series: [{ name: 'queue depth', points: report.queue.depthOverTime }],
            marks: [{ y: report.queue.capacity, label: `queueSize ${report.queue.capacity}` }],
          }),
        ),
      },
      {
        title: 'Where the time goes',
        file: ctx.writeSvg(
          'profile-time',
          barChart({
            title: 'Where the time goes (share of each thread’s capacity)',
            yLabel: '% of capacity',
            categories: shares.map((s) => `${s.thread}: ${s.activity.split(' (')[0]}`),
            series: [{ name: 'share', values: shares.map((s) => Math.round(s.share * 1000) / 10) }],
          }),
        ),
      },
    ];
    return {
      name: 'profile',
      title: this.title,
      tables: [summary, latency, where],
      charts,
      notes: [`Bottleneck: ${bottleneck(r, ctx.config.db === 'sqlite')}.`, ...(queueFillNote(r) ? [queueFillNote(r)!] : [])],
      data: { result: r, runs, timeShares: shares },
      targets: { firstCommitMillis: Math.max(...runs.map((x) => x.firstCommitMillis ?? 0)), peakRssMb: Math.max(...runs.map((x) => x.peakRssMb)) },
    };
  },
};
