import type { DocumentShape } from '../../src/demo/index.js';
import type { RunReport } from './sluice.js';

/**
 * How a load is done:
 * - `pipeline`: Sluice's overlapped pipeline;
 * - `sequential`: the origin system's batch-sequential loop (read a batch, parse it all, insert it all);
 * - `loop`: the hand-written single-thread loop a user would write instead (bench/loop/), the reference of the speed targets;
 * - `parse-map`: the pipeline into a sink that discards (the parse-and-map ceiling);
 * - `sink-only`: pre-mapped rows inserted as fast as the sink takes them (the sink ceiling);
 * - `source-only`: pages read and dropped (the read ceiling).
 */
export type LoadKind = 'pipeline' | 'loop' | 'sequential' | 'parse-map' | 'sink-only' | 'source-only';

/** The tuning knobs of a load (PipelineOptions of the same names). */
export interface LoadSettings {
  readonly workers: number;
  readonly taskSize: number;
  readonly tasksPerWorker: number;
  readonly batchSize: number;
  readonly queueSize: number;
  readonly maxInFlightCommits: number;
}

/** Where records come from and go. */
export type Endpoint =
  | { readonly db: 'sqlite'; readonly sourceFile: string; readonly sinkFile: string }
  | {
      readonly db: 'postgres';
      readonly url: string;
      /** Schema of the target tables and log (created fresh per job). */
      readonly sinkSchema: string;
      /** Schema-qualified table holding the records. */
      readonly sourceTable: string;
      /** Read through this claim queue instead of the table (instances). */
      readonly queue?: string;
    };

/** One measured load, run in its own child process (bench/child.ts) or in-process by tests. */
export interface LoadJob {
  readonly kind: LoadKind;
  /** For tables and charts. */
  readonly label: string;
  readonly endpoint: Endpoint;
  /** Records to process (the source's first N keys, or N spread over the partitions). */
  readonly records: number;
  readonly settings: LoadSettings;
  /** The documents' shape (and so the mapper). @default 'elements' */
  readonly shape?: DocumentShape;
  /** Map with the shape's declarative mapping file (examples/credit-app/<shape>-mapping.yaml) instead of its mapper in code. */
  readonly mapping?: boolean;
  /** Static modulo partition of this instance. */
  readonly partition?: { readonly index: number; readonly count: number };
}

/** What a load measured. Rates are records (any terminal state) per wall-clock second. */
export interface LoadResult {
  readonly kind: LoadKind;
  readonly label: string;
  readonly settings: LoadSettings;
  readonly records: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Start (before the worker pool exists) to end (pool destroyed, sink closed). */
  readonly wallMillis: number;
  readonly recordsPerSecond: number;
  readonly firstCommitMillis: number | null;
  /** Peak resident set size of the process (main thread and workers), MB. */
  readonly peakRssMb: number;
  /** [records done, RSS MB] along the run. */
  readonly rssSamples: readonly (readonly [number, number])[];
  /** CPU time of the whole process (main thread and workers, user + system), ms: what the load cost, whatever else ran on the machine. */
  readonly cpuMillis: number;
  /**
   * CPU µs per record after the first 20% of the records (all threads): the per-record cost once a
   * run's fixed costs are paid (threads started, each isolate's code compiled, caches filled).
   * Null when the load reported no progress along the way.
   */
  readonly steadyCpuMicros: number | null;
  /**
   * Records per wall-clock second after the first 20% of the records: the rate once a run's fixed
   * costs are paid, which a larger run approaches. Null when the load reported no progress along the way.
   */
  readonly steadyRecordsPerSecond: number | null;
  /** The machine's 1-minute load average when the load started (other work on a shared machine). */
  readonly loadAverage: number;
  /**
   * Cores other processes kept busy during the load (machine CPU from /proc/stat minus this
   * process's and, into PostgreSQL, minus the database server's): how much a shared machine
   * disturbed this measurement. Null where /proc is missing.
   */
  readonly otherCores: number | null;
  /**
   * Cores PostgreSQL's server processes used during a load into PostgreSQL (the work the load
   * gave the database, and whatever other clients gave it); null into SQLite, which runs in the
   * load's own process, and where /proc is missing.
   */
  readonly databaseCores: number | null;
  /** Share of the wall time the main thread's event loop was busy. */
  readonly mainThreadUtilisation: number;
  /** Share of worker capacity (workers × wall) spent parsing and mapping. */
  readonly workerUtilisation: number | null;
  /** Time spent in each phase of a hand-written loop (ms), e.g. read / parse / insert. */
  readonly phases: Readonly<Record<string, number>>;
  readonly startedAtEpochMillis: number;
  readonly finishedAtEpochMillis: number;
  /** The pipeline's own report (pipeline-shaped loads). */
  readonly report: RunReport | null;
}
