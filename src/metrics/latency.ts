import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** Percentiles of one stage, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * A latency histogram: Node's own HdrHistogram (`perf_hooks.createHistogram`, native code):
 * constant memory, 3 significant digits, whatever the run length. Records microseconds, reports
 * milliseconds. Node's histogram takes values from 1, so a value v is kept as v + 1.
 *
 * ```ts
 * const commit = new Latency();
 * commit.record(12.5);      // one commit of 12.5 ms
 * commit.record(0.8, 100);  // a task of 100 records, 0.8 ms each on average
 * commit.summary();         // { count: 101, p50: 0.8, p95: 12.5, ... }
 * ```
 */
export class Latency {
  private readonly h: RecordableHistogram = createHistogram({ figures: 3 });
  /** The exact maximum, in microseconds + 1: the histogram's is its bucket's highest value. */
  private max = 0;

  /** Records one value, in milliseconds; `count` repeats it (a per-record average over a task). */
  record(millis: number, count = 1): void {
    const kept = Math.max(0, Math.round(millis * 1000)) + 1;
    if (count > 0 && kept > this.max) this.max = kept;
    for (let i = 0; i < count; i++) this.h.record(kept);
  }

  summary(): LatencySummary {
    const h = this.h;
    const ms = (kept: number) => (kept - 1) / 1000;
    if (h.count === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
    // A percentile is its bucket's highest value, which can lie above the exact maximum.
    const at = (p: number) => ms(Math.min(h.percentile(p), this.max));
    return {
      count: h.count,
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: ms(this.max),
      mean: ms(Math.round(h.mean)),
    };
  }
}
