import * as hdr from 'hdr-histogram-js';

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
 * A latency histogram (HdrHistogram: constant memory, 3 significant digits, whatever the run
 * length). Records microseconds, reports milliseconds.
 */
export class Latency {
  private readonly h = hdr.build({ bitBucketSize: 32, numberOfSignificantValueDigits: 3, useWebAssembly: false, autoResize: true });

  /** Records one value, in milliseconds; `count` repeats it (a per-record average over a task). */
  record(millis: number, count = 1): void {
    const micros = Math.max(0, Math.round(millis * 1000));
    if (count === 1) this.h.recordValue(micros);
    else if (count > 1) this.h.recordValueWithCount(micros, count);
  }

  summary(): LatencySummary {
    const h = this.h;
    const ms = (v: number) => Math.round(v) / 1000;
    if (h.totalCount === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
    // A percentile is its bucket's highest value, which can lie above the exact maximum.
    const at = (p: number) => ms(Math.min(h.getValueAtPercentile(p), h.maxValue));
    return {
      count: h.totalCount,
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: ms(h.maxValue),
      mean: ms(h.mean),
    };
  }
}
