import { describe, expect, it } from 'vitest';
import { DEFAULTS } from 'sluice';
import { readsWhileCommitsWait } from '../helpers/held-commits.js';

// A user who raises batchSize and leaves queueSize unset gets a queue that holds the commits in
// flight and a batch filling: batches of 1,000 with the default 2,000-record queue stalled reading
// while two commits waited on the database.

describe('queueSize left unset', () => {
  it('grows with batchSize: reading goes on while batches of 1,000 commit', async () => {
    const batchSize = 1000;
    expect((DEFAULTS.maxInFlightCommits + 1) * batchSize).toBeGreaterThan(DEFAULTS.queueSize); // the case this is about
    const { report, records, pulled, held, beyondAt } = await readsWhileCommitsWait({ batchSize, maxInFlightCommits: DEFAULTS.maxInFlightCommits });
    expect(held).toBe(DEFAULTS.maxInFlightCommits);
    expect(pulled).toBeGreaterThanOrEqual(beyondAt);
    expect(report.counts.succeeded).toBe(records);
    expect(report.queue.capacity).toBe((DEFAULTS.maxInFlightCommits + 1) * batchSize);
  }, 30_000);

  it('grows with maxInFlightCommits too', async () => {
    const { report, records } = await readsWhileCommitsWait({ batchSize: 500, maxInFlightCommits: 4 });
    expect(report.counts.succeeded).toBe(records);
    expect(report.queue.capacity).toBe(2500);
  }, 30_000);
});
