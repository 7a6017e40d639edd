import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInChild, runTogether } from './child-runner.js';
import type { BenchConfig, ExperimentName } from './config.js';
import type { DocumentShape } from '../../src/demo/index.js';
import type { Endpoint, LoadJob, LoadKind, LoadResult, LoadSettings } from './load-job.js';
import type { Recommendation } from '../../src/tune/recommend.js';
import { DEFAULTS } from './sluice.js';
import type { Table } from '../../src/tune/table.js';
import type { TargetInputs } from './targets.js';

/** What an experiment hands back: printed, written to JSON, gathered into the summary. */
export interface ExperimentOutput {
  readonly name: ExperimentName;
  readonly title: string;
  readonly tables: readonly Table[];
  readonly charts: readonly { readonly file: string; readonly title: string }[];
  readonly notes: readonly string[];
  /** Everything measured, for the experiment's JSON file. */
  readonly data: unknown;
  readonly targets?: TargetInputs;
  readonly recommendations?: readonly { readonly option: keyof LoadSettings; readonly recommendation: Recommendation }[];
}

export interface Experiment {
  readonly name: ExperimentName;
  readonly title: string;
  run(ctx: BenchContext): Promise<ExperimentOutput>;
}

/** The pipeline's defaults with the bench's worker count. */
export function defaultSettings(workers: number): LoadSettings {
  return {
    workers,
    taskSize: DEFAULTS.taskSize,
    tasksPerWorker: DEFAULTS.tasksPerWorker,
    batchSize: DEFAULTS.batchSize,
    queueSize: DEFAULTS.queueSize,
    maxInFlightCommits: DEFAULTS.maxInFlightCommits,
  };
}

/** A way of running several instances on one database (e.g. the PostgreSQL claim queue). */
export interface InstanceMode {
  readonly name: string;
  /** Prepares the shared endpoint (e.g. fills the queue) and returns the jobs of `count` instances sharing `records`. */
  jobs(count: number, endpoint: Endpoint, settings: LoadSettings, records: number): Promise<LoadJob[]>;
}

/** Where loads read and write: data sets generated once, a fresh sink per load, removed after it. */
export interface EndpointProvider {
  /** For the report, e.g. "SQLite (better-sqlite3)". */
  readonly description: string;
  /** A source holding at least `records` documents of a shape and a fresh, empty sink. */
  endpoint(label: string, records: number, shape?: DocumentShape): Promise<Endpoint>;
  cleanup(endpoint: Endpoint): Promise<void>;
  /** Checks a shared sink after instances ran: log entries and keys logged twice. */
  inspectLog(endpoint: Endpoint): Promise<{ entries: number; duplicates: number }>;
  /** Extra instance modes this database offers. */
  readonly instanceModes: readonly InstanceMode[];
  close(): Promise<void>;
}

/** Results directory, data sets and load processes, shared by the experiments of one bench run. */
export class BenchContext {
  readonly settings: LoadSettings;

  constructor(
    readonly config: BenchConfig,
    /** bench-results/<timestamp> */
    readonly dir: string,
    readonly provider: EndpointProvider,
  ) {
    this.settings = defaultSettings(config.workers);
  }

  /** 'SQLite' or 'PostgreSQL', for table titles. */
  get dbName(): string {
    return this.config.db === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  }

  log(message: string): void {
    process.stderr.write(`${message}\n`);
  }

  /** A source holding at least `records` documents of the run's size and a fresh, empty sink. */
  endpoint(label: string, records: number, shape: DocumentShape = this.config.shape): Promise<Endpoint> {
    return this.provider.endpoint(label, records, shape);
  }

  /** A job of `kind` at the default settings (overridden by `settings`), on documents of the run's shape unless told. */
  async job(kind: LoadKind, label: string, records: number, settings: Partial<LoadSettings> = {}, shape: DocumentShape = this.config.shape, mapping = false): Promise<LoadJob> {
    return { kind, label, shape, ...(mapping && { mapping }), records, settings: { ...this.settings, ...settings }, endpoint: await this.endpoint(label, records, shape) };
  }

  /** Runs a load in its own process, then removes its sink. */
  async run(job: LoadJob): Promise<LoadResult> {
    this.log(`  ${job.label}: ${job.kind}, ${job.records.toLocaleString('en-US')} records ...`);
    try {
      const r = await runInChild(job);
      this.log(`    ${r.recordsPerSecond.toLocaleString('en-US')} records/s, ${(r.wallMillis / 1000).toFixed(1)} s, peak RSS ${r.peakRssMb} MB`);
      return r;
    } finally {
      await this.provider.cleanup(job.endpoint);
    }
  }

  /**
   * Runs loads at once, one process each, on one shared sink (instances); then checks the
   * shared log and removes the sink.
   */
  async runTogether(jobs: readonly LoadJob[], endpoint: Endpoint): Promise<{ results: LoadResult[]; log: { entries: number; duplicates: number } }> {
    try {
      const results = await runTogether(jobs);
      return { results, log: await this.provider.inspectLog(endpoint) };
    } finally {
      await this.provider.cleanup(endpoint);
    }
  }

  /**
   * Runs each job `config.repeats` times, alternating the order (A B, B A, ...) so that drift on
   * a shared machine falls on both sides. Returns the results per job, in job order.
   */
  async sideBySide(make: () => Promise<readonly LoadJob[]>): Promise<LoadResult[][]> {
    const results: LoadResult[][] = [];
    for (let r = 0; r < this.config.repeats; r++) {
      const jobs = await make();
      const order = jobs.map((_, i) => i);
      if (r % 2 === 1) order.reverse();
      for (const i of order) (results[i] ??= []).push(await this.run(jobs[i]!));
    }
    return results;
  }

  writeJson(name: string, data: unknown): string {
    const file = `${name}.json`;
    writeFileSync(join(this.dir, file), `${JSON.stringify(data, null, 2)}\n`);
    return file;
  }

  writeSvg(name: string, svg: string): string {
    const file = `${name}.svg`;
    writeFileSync(join(this.dir, file), svg);
    return file;
  }
}

/**
 * The fastest of repeated runs of one load. Work from other tenants of a shared machine only
 * ever slows a run down, so the fastest run is the best estimate of what the load can do;
 * comparisons use it on both sides, and tables list every run so the noise stays visible.
 */
export function fastest(results: readonly LoadResult[]): LoadResult {
  if (!results.length) throw new Error('fastest: no runs');
  return results.reduce((a, b) => (b.recordsPerSecond > a.recordsPerSecond ? b : a));
}

/** Records/s of every run, in run order: "3,673 / 1,917". */
export function eachRun(results: readonly LoadResult[]): string {
  return results.map((r) => r.recordsPerSecond.toLocaleString('en-US')).join(' / ');
}
