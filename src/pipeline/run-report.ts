import type { LatencySummary } from '../metrics/latency.js';
import type { TopError } from '../metrics/error-tally.js';
import type { KeyIssuesSummary } from '../metrics/key-tally.js';

/** How a run ended. */
export type RunStatus =
  | { readonly state: 'completed' }
  | { readonly state: 'aborted'; readonly reason: string }
  | { readonly state: 'stopped'; readonly error: string };

/** The report of one run; `JSON.stringify` it for tools (the CLI writes it with `--metrics-out`). */
export interface RunReport {
  readonly runId: string;
  readonly source: string;
  readonly sink: string;
  readonly partition: string;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMillis: number;
  /** read = succeeded + failed + skipped (guarantee 1). */
  readonly counts: { readonly read: number; readonly succeeded: number; readonly failed: number; readonly skipped: number; readonly rows: number; readonly commits: number };
  readonly successRate: number;
  readonly recordsPerSecond: number;
  readonly recordsPerMinute: number;
  /** Milliseconds from start to the first commit, or null if nothing was committed. */
  readonly firstCommitMillis: number | null;
  /** Per-stage latency: read a page, parse a record, map a record, wait for commit, commit a batch (ms). */
  readonly latency: {
    readonly read: LatencySummary;
    readonly parse: LatencySummary;
    readonly map: LatencySummary;
    readonly queueWait: LatencySummary;
    readonly commit: LatencySummary;
  };
  readonly workers: { readonly count: number; readonly utilisation: number; readonly busyMillis: number; readonly idleMillis: number };
  /** Peak resident memory of this process so far (the whole process: workers are threads in it), MB. */
  readonly memory: { readonly peakRssMb: number };
  /**
   * Records read but not committed: the bound (`queueSize`) and the most seen; their bytes
   * (payloads until mapped, then rows): the budget (`maxBytesInFlight`) and the most seen (above
   * it for a record larger than the budget, let in alone, or by rows larger than expected until
   * their commit); the depth sampled over time, as [ms, records].
   */
  readonly queue: {
    readonly capacity: number;
    readonly maxDepth: number;
    readonly byteCapacity: number;
    readonly maxBytes: number;
    readonly depthOverTime: readonly (readonly [number, number])[];
  };
  readonly topErrors: readonly TopError[];
  /**
   * Source records not read because of their key, so in no count above and not in the log: a
   * NULL key cannot be checkpointed, and a key already read would be checkpointed twice.
   */
  readonly keyIssues: KeyIssuesSummary;
  readonly settings: {
    readonly workers: number;
    readonly taskSize: number;
    readonly batchSize: number;
    readonly queueSize: number;
    readonly maxInFlightCommits: number;
  };
}

/** What the progress observable emits, after every commit. */
export interface Progress {
  readonly read: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  /** Records read and not yet committed. */
  readonly inFlight: number;
  readonly elapsedMillis: number;
  readonly recordsPerSecond: number;
  /** Total to process if the source knows it (the limit), else undefined. */
  readonly total: number | undefined;
}
