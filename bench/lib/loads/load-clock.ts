import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { databaseCpuMillis } from '../database-cpu.js';
import type { LoadJob, LoadResult } from '../load-job.js';
import { peakRssMb, RssTrack } from '../rss.js';
import type { RunReport } from '../sluice.js';

/** Measures a load the same way whatever its kind: wall time, first commit, main-thread busy share, RSS. */
export class LoadClock {
  private readonly t0: number;
  private readonly epoch = Date.now();
  private readonly elu0 = performance.eventLoopUtilization();
  private readonly cpu0 = process.cpuUsage();
  private readonly loadAverage = loadavg()[0] ?? 0;
  private readonly machine0 = machineCpu();
  /** The database server's CPU so far, for loads whose database runs in processes of its own. */
  private readonly database0: number | undefined;
  private firstCommit: number | null = null;
  /** Records done, CPU µs spent and wall ms passed when the first 20% of the records were done: the end of warm-up. */
  private warm: { done: number; cpuMicros: number; millis: number } | undefined;
  readonly rss: RssTrack;
  /** Milliseconds per named phase, for hand-written loops. */
  readonly phases: Record<string, number> = {};

  /** `now` reads the wall clock in milliseconds (tests give their own). */
  constructor(
    private readonly job: LoadJob,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.t0 = now();
    this.rss = new RssTrack(job.records);
    this.database0 = job.endpoint.db === 'postgres' ? databaseCpuMillis() : undefined;
  }

  /** A commit finished, and `done` records are now in a terminal state. */
  committed(done: number): void {
    this.firstCommit ??= this.now() - this.t0;
    this.rss.observe(done);
    if (this.warm === undefined && done >= this.job.records * WARM_UP_SHARE) {
      const cpu = process.cpuUsage(this.cpu0);
      this.warm = { done, cpuMicros: cpu.user + cpu.system, millis: this.now() - this.t0 };
    }
  }

  /** Runs `fn` and adds its duration to `phase`. */
  async time<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      this.phases[phase] = (this.phases[phase] ?? 0) + performance.now() - t;
    }
  }

  finish(outcome: {
    readonly succeeded: number;
    readonly failed: number;
    readonly skipped: number;
    /** Worker busy milliseconds (all threads), if the load used workers. */
    readonly workerBusyMillis?: number;
    readonly report?: RunReport;
    /** Overrides the measured wall time (the sink ceiling times its writes only). */
    readonly wallMillis?: number;
    readonly firstCommitMillis?: number | null;
  }): LoadResult {
    const wallMillis = outcome.wallMillis ?? this.now() - this.t0;
    const records = outcome.succeeded + outcome.failed + outcome.skipped;
    const elu = performance.eventLoopUtilization(this.elu0);
    const cpu = process.cpuUsage(this.cpu0);
    const cpuMillis = (cpu.user + cpu.system) / 1000;
    const machine1 = machineCpu();
    const machineCores =
      this.machine0 && machine1 && machine1.total > this.machine0.total
        ? ((machine1.busy - this.machine0.busy) / (machine1.total - this.machine0.total)) * availableParallelism()
        : undefined;
    const database1 = this.database0 === undefined ? undefined : databaseCpuMillis();
    const databaseCores = this.database0 === undefined || database1 === undefined ? null : Math.max(0, database1 - this.database0) / wallMillis;
    const workers = this.job.settings.workers;
    return {
      kind: this.job.kind,
      label: this.job.label,
      settings: this.job.settings,
      records,
      succeeded: outcome.succeeded,
      failed: outcome.failed,
      wallMillis: Math.round(wallMillis),
      recordsPerSecond: wallMillis > 0 ? Math.round((records * 1000) / wallMillis) : 0,
      firstCommitMillis: outcome.firstCommitMillis !== undefined ? outcome.firstCommitMillis : this.firstCommit === null ? null : Math.round(this.firstCommit),
      peakRssMb: Math.round(peakRssMb()),
      cpuMillis: Math.round(cpuMillis),
      steadyCpuMicros:
        this.warm && records > this.warm.done ? Math.round((cpu.user + cpu.system - this.warm.cpuMicros) / (records - this.warm.done)) : null,
      steadyRecordsPerSecond:
        this.warm && records > this.warm.done && wallMillis > this.warm.millis
          ? Math.round(((records - this.warm.done) * 1000) / (wallMillis - this.warm.millis))
          : null,
      loadAverage: round(this.loadAverage, 2),
      otherCores: machineCores === undefined ? null : round(othersOf(machineCores, cpuMillis / wallMillis, databaseCores), 2),
      databaseCores: databaseCores === null ? null : round(databaseCores, 2),
      rssSamples: this.rss.list(),
      mainThreadUtilisation: round(elu.utilization, 3),
      workerUtilisation: outcome.workerBusyMillis === undefined ? null : round(Math.min(1, outcome.workerBusyMillis / (wallMillis * workers)), 3),
      phases: Object.fromEntries(Object.entries(this.phases).map(([k, v]) => [k, Math.round(v)])),
      startedAtEpochMillis: this.epoch,
      finishedAtEpochMillis: this.epoch + Math.round(wallMillis),
      report: outcome.report ?? null,
    };
  }
}

/** Share of a load's records after which its CPU per record counts as steady (see LoadResult.steadyCpuMicros). */
const WARM_UP_SHARE = 0.2;

/**
 * Cores the machine's other processes used: the machine's busy cores less the load's own and,
 * into PostgreSQL, less the database server's, which works for the load.
 */
export function othersOf(machineCores: number, ownCores: number, databaseCores: number | null): number {
  return Math.max(0, machineCores - ownCores - (databaseCores ?? 0));
}

/** `x` rounded to `places` decimal places. */
function round(x: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(x * scale) / scale;
}

/** Busy and total CPU time of the whole machine so far (jiffies, from /proc/stat), or undefined off Linux. */
function machineCpu(): { busy: number; total: number } | undefined {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const v = first.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return total > 0 ? { busy: total - idle, total } : undefined;
  } catch {
    return undefined;
  }
}
