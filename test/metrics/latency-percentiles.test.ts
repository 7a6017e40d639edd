import { describe, expect, it } from 'vitest';
import { Latency } from '../../src/metrics/latency.js';

describe('a stage latency histogram', () => {
  it('reports percentiles, maximum and mean in milliseconds, to three significant digits', () => {
    const l = new Latency();
    for (let v = 1; v <= 1000; v++) l.record(v / 10); // 0.1 .. 100 ms
    const s = l.summary();
    expect(s.count).toBe(1000);
    // 3 significant digits: a value's bucket is within 0.1% of it.
    expect(s.p50).toBeCloseTo(50, 0);
    expect(Math.abs(s.p50 - 50) / 50).toBeLessThan(0.001 + 1e-9);
    expect(Math.abs(s.p95 - 95) / 95).toBeLessThan(0.002);
    expect(Math.abs(s.p99 - 99) / 99).toBeLessThan(0.002);
    expect(s.max).toBe(100);
    expect(Math.abs(s.mean - 50.05) / 50.05).toBeLessThan(0.001);
  });

  it('counts a value recorded for many records as that many', () => {
    const l = new Latency();
    l.record(2, 99);
    l.record(40);
    const s = l.summary();
    expect(s.count).toBe(100);
    expect(s.p50).toBe(2);
    expect(s.p95).toBe(2);
    expect(s.max).toBe(40);
    expect(s.mean).toBeCloseTo((99 * 2 + 40) / 100, 2);
  });

  it('keeps values under a microsecond as zero, and ignores a count of zero', () => {
    const l = new Latency();
    l.record(0);
    l.record(0.0004);
    l.record(-1); // a clock step backwards counts as zero
    l.record(5, 0);
    expect(l.summary()).toEqual({ count: 3, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });

  it('reports zeros when nothing was recorded', () => {
    expect(new Latency().summary()).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });

  it('never reports a percentile above the maximum recorded', () => {
    const l = new Latency();
    l.record(1234.567);
    l.record(3); // the maximum is the largest value, not the last
    const s = l.summary();
    expect(s.max).toBe(1234.567);
    expect(s.p99).toBeLessThanOrEqual(s.max);
    expect(s.p50).toBeLessThanOrEqual(s.max);
  });
});
