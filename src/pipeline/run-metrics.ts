import { DepthSamples } from '../metrics/depth-samples.js';
import { ErrorTally } from '../metrics/error-tally.js';
import { KeyTally } from '../metrics/key-tally.js';
import { Latency } from '../metrics/latency.js';
import type { MappedBatch } from '../worker/mapped-batch.js';
import type { CheckpointEntry } from '../sink/sink.js';
import type { Progress, RunReport, RunStatus } from './run-report.js';
import type { ResolvedOptions } from './options.js';

/** Everything a run measures; turned into the RunReport at the end. */
export class RunMetrics {
  readonly started = performance.now();
  readonly startedAt = new Date();
  read = 0;
  succeeded = 0;
  failed = 0;
  skipped = 0;
  rows = 0;
  commits = 0;
  firstCommitMillis: number | null = null;
  readonly readLatency = new Latency();
  readonly parseLatency = new Latency();
  readonly mapLatency = new Latency();
  readonly queueWait = new Latency();
  readonly commitLatency = new Latency();
  readonly errors = new ErrorTally();
  /** NULL and duplicate keys the source reported: records it did not read. */
  readonly keyIssues = new KeyTally();
  readonly depth = new DepthSamples();
  private readonly busy = new Map<number, number>();

  elapsed(): number {
    return performance.now() - this.started;
  }

  /** A worker finished a task. */
  mapped(batch: MappedBatch): void {
    const n = batch.keys.length;
    if (n === 0) return;
    const s = batch.stats;
    this.parseLatency.record(s.parseMicros / 1000 / n, n);
    this.mapLatency.record(s.mapMicros / 1000 / n, n);
    this.busy.set(s.threadId, (this.busy.get(s.threadId) ?? 0) + (s.finishedAt - s.startedAt));
  }

  /** A batch committed; counts its records by final state. */
  committed(entries: readonly CheckpointEntry[], rows: number, commitMillis: number, transactions = 1): void {
    this.rows += rows;
    if (transactions) {
      this.commits += transactions;
      this.commitLatency.record(commitMillis);
    }
    this.firstCommitMillis ??= this.elapsed();
    for (const e of entries) {
      if (e.status === 'succeeded') this.succeeded++;
      else if (e.status === 'skipped') this.skipped++;
      else {
        this.failed++;
        this.errors.add(e.key, e.error ?? 'unknown error');
      }
    }
  }

  progress(inFlight: number, total: number | undefined): Progress {
    const elapsedMillis = this.elapsed();
    const done = this.succeeded + this.failed + this.skipped;
    return {
      read: this.read,
      succeeded: this.succeeded,
      failed: this.failed,
      skipped: this.skipped,
      inFlight,
      elapsedMillis,
      recordsPerSecond: elapsedMillis > 0 ? (done * 1000) / elapsedMillis : 0,
      total,
    };
  }

  /** Highest bytes in flight (payloads, then rows), as the credit gate saw them; set before `report`. */
  peakBytes = 0;

  report(o: ResolvedOptions, status: RunStatus, names: { readonly source: string; readonly sink: string; readonly partition: string }): RunReport {
    const durationMillis = this.elapsed();
    const done = this.succeeded + this.failed + this.skipped;
    const perSecond = durationMillis > 0 ? (done * 1000) / durationMillis : 0;
    let busyMillis = 0;
    for (const b of this.busy.values()) busyMillis += b;
    const capacity = durationMillis * o.workers;
    return {
      runId: o.runId,
      source: names.source,
      sink: names.sink,
      partition: names.partition,
      status,
      startedAt: this.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      durationMillis: Math.round(durationMillis),
      counts: { read: this.read, succeeded: this.succeeded, failed: this.failed, skipped: this.skipped, rows: this.rows, commits: this.commits },
      successRate: done ? this.succeeded / done : 1,
      recordsPerSecond: Math.round(perSecond * 10) / 10,
      recordsPerMinute: Math.round(perSecond * 60),
      firstCommitMillis: this.firstCommitMillis === null ? null : Math.round(this.firstCommitMillis),
      latency: {
        read: this.readLatency.summary(),
        parse: this.parseLatency.summary(),
        map: this.mapLatency.summary(),
        queueWait: this.queueWait.summary(),
        commit: this.commitLatency.summary(),
      },
      workers: {
        count: o.workers,
        utilisation: capacity > 0 ? Math.min(1, busyMillis / capacity) : 0,
        busyMillis: Math.round(busyMillis),
        idleMillis: Math.round(Math.max(0, capacity - busyMillis)),
      },
      memory: { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) },
      queue: { capacity: o.queueSize, maxDepth: this.depth.max, byteCapacity: o.maxBytesInFlight, maxBytes: this.peakBytes, depthOverTime: this.depth.list() },
      topErrors: this.errors.top(),
      keyIssues: this.keyIssues.summary(),
      settings: {
        workers: o.workers,
        taskSize: o.taskSize,
        batchSize: o.batchSize,
        queueSize: o.queueSize,
        maxInFlightCommits: o.maxInFlightCommits,
      },
    };
  }
}
