import { describe, expect, it } from 'vitest';
import { DEFAULTS } from 'sluice';
import { readsWhileCommitsWait } from '../helpers/held-commits.js';

// With the default settings, the commits that may be in flight at once do not take every record
// credit: while they wait on the database, the pipeline goes on reading and mapping the next batch.
// (With queueSize 2,000 and batches of 1,000, two commits held every credit and reading stopped.)

describe('the default settings, with as many commits in flight as they allow', () => {
  it('leave credits for at least one more batch: reading goes on while the commits wait', async () => {
    const { batchSize, maxInFlightCommits } = DEFAULTS;
    const { report, sink, records, pulled, held, beyondAt } = await readsWhileCommitsWait({ batchSize, maxInFlightCommits });
    expect(held).toBe(maxInFlightCommits);
    expect(pulled).toBeGreaterThanOrEqual(beyondAt);
    expect(report.status.state).toBe('completed');
    expect(report.counts.succeeded).toBe(records);
    expect(sink.log.size).toBe(records);
  }, 30_000);
});
