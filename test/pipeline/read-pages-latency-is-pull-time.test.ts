import { describe, expect, it } from 'vitest';
import { lastValueFrom, toArray } from 'rxjs';
import { CreditGate } from '../../src/pipeline/credit-gate.js';
import { readPages } from '../../src/pipeline/read-pages.js';
import { Latency } from '../../src/metrics/latency.js';
import { ALL } from '../../src/partition/partition.js';
import { PagedSource, records } from '../helpers/paged-source.js';

/** A Latency that keeps every value it is given. */
class RecordedLatency extends Latency {
  readonly values: number[] = [];
  override record(millis: number, count = 1): void {
    this.values.push(millis);
    super.record(millis, count);
  }
}

describe('readPages read latency', () => {
  it('records, per pull, the time the source took: never negative, never more than the whole read', async () => {
    const latency = new RecordedLatency();
    const before = performance.now();
    await lastValueFrom(readPages(new PagedSource([records(1, 3), records(4, 3)]), { pageSize: 3, partition: ALL }, new CreditGate(10), latency, new AbortController().signal).pipe(toArray()));
    const whole = performance.now() - before;

    expect(latency.values).toHaveLength(3); // two pages and the pull that finds the end
    for (const v of latency.values) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(whole);
    }
  });
});
