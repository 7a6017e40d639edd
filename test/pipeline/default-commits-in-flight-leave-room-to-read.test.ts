import { describe, expect, it } from 'vitest';
import { DEFAULTS, fromIterable, pipeline, type CommitBatch, type SourceRecord } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

// With the default settings, the commits that may be in flight at once do not take every record
// credit: while they wait on the database, the pipeline goes on reading and mapping the next batch.
// (With queueSize 2,000 and batches of 1,000, two commits held every credit and reading stopped.)

describe('the default settings, with as many commits in flight as they allow', () => {
  it('leave credits for at least one more batch: reading goes on while the commits wait', async () => {
    const { batchSize, maxInFlightCommits } = DEFAULTS;
    const committing = maxInFlightCommits * batchSize;
    const records = committing + 2 * batchSize;

    // The sink holds every write until released; the source counts the records pulled from it.
    let held = 0;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let allHeld!: () => void;
    const heldAll = new Promise<void>((r) => (allHeld = r));
    const sink = new MemorySink({
      async beforeWrite(_batch: CommitBatch) {
        if (++held === maxInFlightCommits) allHeld();
        await released;
      },
    });
    let pulled = 0;
    let readBeyond!: () => void;
    const beyond = new Promise<void>((r) => (readBeyond = r));
    function* people(): Generator<SourceRecord> {
      for (let id = 1; id <= records; id++) {
        pulled++;
        if (pulled === committing + batchSize) readBeyond();
        yield { key: id, payload: personXml(id) };
      }
    }

    const run = pipeline({ source: fromIterable(people()), sink, mapper: PERSON_MAPPER }).run();
    await heldAll;
    // Both commits are held: the batch after them is still read (it fails by the test's timeout if not).
    await beyond;
    expect(held).toBe(maxInFlightCommits);
    expect(pulled).toBeGreaterThanOrEqual(committing + batchSize);
    release();

    const report = await run;
    expect(report.status.state).toBe('completed');
    expect(report.counts.succeeded).toBe(records);
    expect(sink.log.size).toBe(records);
  }, 30_000);
});
