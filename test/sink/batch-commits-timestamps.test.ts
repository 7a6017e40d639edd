import { Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchCommits, type CommitJob } from '../../src/sink/batch-commits.js';
import type { MappedBatch } from '../../src/worker/mapped-batch.js';
import { mappedBatch } from '../helpers/mapped-batches.js';

describe('batchCommits timestamps', () => {
  afterEach(() => vi.useRealTimers());

  it('oldestAt is when the batch got its first task, closedAt when it was closed (for queue-wait latency)', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const jobs: CommitJob[] = [];
    const input = new Subject<MappedBatch>();
    input.pipe(batchCommits({ records: 3, rows: 1e9, bytes: 1e9, waitMillis: 1e9 })).subscribe((j) => jobs.push(j));
    const t0 = performance.now();
    input.next(mappedBatch(1, 1));
    vi.advanceTimersByTime(100);
    input.next(mappedBatch(2, 1));
    vi.advanceTimersByTime(100);
    input.next(mappedBatch(3, 2)); // closes the first batch at t0 + 200 and opens the next one
    vi.advanceTimersByTime(50);
    input.complete();
    expect(jobs.map((j) => [j.oldestAt - t0, j.closedAt - t0])).toEqual([[0, 200], [200, 250]]);
  });
});
