import { describe, expect, it } from 'vitest';
import { fromArray, pipeline, type CommitBatch } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

const bad = (id: number) => `<Person><Name>x</Name><Born>1990-02-30</Born></Person>`.replace('<Person>', `<Person id="${id}">`);

describe('a failure-limit stop with commits in flight', () => {
  it('lets the commits in flight finish before closing the sink, and the report counts what the log holds', async () => {
    // Records 1-10 fail (bad date); later batches are fine. With two commits in flight, the first
    // commit trips maxFailures while the second is still inside write().
    let writing = 0;
    let maxWriting = 0;
    let closedDuringWrite = false;
    let releaseSecond!: () => void;
    const secondHeld = new Promise<void>((r) => (releaseSecond = r));
    let writes = 0;
    const sink: MemorySink = new MemorySink({
      async beforeWrite(_batch: CommitBatch) {
        const n = ++writes;
        writing++;
        maxWriting = Math.max(maxWriting, writing);
        if (n === 1) {
          // Hold the first commit until the second one has started, then let it trip the limit.
          while (writes < 2) await new Promise((r) => setImmediate(r));
          setImmediate(() => releaseSecond());
        } else if (n === 2) {
          await secondHeld;
          for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r)); // the stop happens meanwhile
        }
        writing--;
      },
    });
    const realClose = sink.close.bind(sink);
    sink.close = async () => {
      if (writing > 0) closedDuringWrite = true;
      await realClose();
    };

    const report = await pipeline({
      source: fromArray(Array.from({ length: 400 }, (_, i) => ({ key: i + 1, payload: i < 10 ? bad(i + 1) : personXml(i + 1) }))),
      sink,
      mapper: PERSON_MAPPER,
      workers: 1,
      taskSize: 10,
      batchSize: 10,
      queueSize: 40,
      maxInFlightCommits: 2,
      maxFailures: 5,
    }).run();

    expect(report.status.state).toBe('stopped');
    expect(maxWriting).toBe(2); // two commits were in flight at the stop
    expect(closedDuringWrite).toBe(false);
    const { succeeded, failed, skipped } = report.counts;
    expect(succeeded + failed + skipped).toBe(sink.log.size);
    expect({ succeeded, failed }).toEqual({ succeeded: sink.count('succeeded'), failed: sink.count('failed') });
    expect(report.counts.read).toBe(sink.log.size); // every record read ended in a state
    expect(report.counts.read).toBeLessThan(400);
  });
});
