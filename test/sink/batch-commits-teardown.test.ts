import { Subject, Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { batchCommits, type CommitJob } from '../../src/sink/batch-commits.js';
import type { MappedBatch } from '../../src/worker/mapped-batch.js';
import { jobKeys, mappedBatch } from '../helpers/mapped-batches.js';

/** A scheduler that only records what is scheduled: the test fires the timers it chooses. */
class ManualScheduler implements SchedulerLike {
  readonly timers: { work: () => void; delay: number; subscription: Subscription }[] = [];
  now(): number {
    return 0;
  }
  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0): Subscription {
    const subscription = new Subscription();
    this.timers.push({ work, delay, subscription });
    return subscription;
  }
}

describe('batchCommits teardown', () => {
  it('unsubscribing cancels the open batch timer and the upstream subscription', () => {
    const scheduler = new ManualScheduler();
    const input = new Subject<MappedBatch>();
    const jobs: CommitJob[] = [];
    const sub = input.pipe(batchCommits({ records: 10, rows: 1e9, bytes: 1e9, waitMillis: 250 }, [], scheduler)).subscribe((j) => jobs.push(j));
    input.next(mappedBatch(1, 2));
    expect(scheduler.timers.map((t) => [t.delay, t.subscription.closed])).toEqual([[250, false]]);

    sub.unsubscribe();
    expect(scheduler.timers[0]!.subscription.closed).toBe(true);
    expect(input.observed).toBe(false);
    expect(jobs).toHaveLength(0);
  });

  it('a batch closed by a limit cancels its timer, so it cannot close the next batch early', () => {
    const scheduler = new ManualScheduler();
    const input = new Subject<MappedBatch>();
    const jobs: CommitJob[] = [];
    input.pipe(batchCommits({ records: 2, rows: 1e9, bytes: 1e9, waitMillis: 250 }, [], scheduler)).subscribe((j) => jobs.push(j));
    input.next(mappedBatch(1, 2)); // full at once
    input.next(mappedBatch(3, 1)); // opens the next batch with a timer of its own
    expect(scheduler.timers.map((t) => t.subscription.closed)).toEqual([true, false]);
    expect(jobs.map(jobKeys)).toEqual([[1, 2]]);

    scheduler.timers[1]!.work(); // the second batch's wait is over
    expect(jobs.map(jobKeys)).toEqual([[1, 2], [3]]);
    expect(scheduler.timers[1]!.subscription.closed).toBe(true);
  });

  it('schedules one timer per batch, when its first record arrives', () => {
    const scheduler = new ManualScheduler();
    const input = new Subject<MappedBatch>();
    input.pipe(batchCommits({ records: 100, rows: 1e9, bytes: 1e9, waitMillis: 40 }, [], scheduler)).subscribe();
    input.next(mappedBatch(1, 1));
    input.next(mappedBatch(2, 1));
    input.next(mappedBatch(3, 1));
    expect(scheduler.timers).toHaveLength(1);
  });
});
