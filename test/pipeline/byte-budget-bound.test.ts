import { describe, expect, it } from 'vitest';
import { fromIterable, pipeline, type SourceRecord } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

/** Resolves after the event loop has turned a few times. */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

const BUDGET = 1 << 20;
const N = 300;
/** A person document padded to 8 to 128 KiB, so a handful fill the budget. */
const documentOf = (id: number) => {
  const xml = personXml(id, 1);
  const size = (8 + ((id * 37) % 121)) * 1024;
  return xml.replace('</Person>', `<!--${'x'.repeat(size - xml.length - 16)}--></Person>`);
};

describe('the byte budget', () => {
  it('never lets more payload bytes in flight than maxBytesInFlight, however many records queueSize allows, and loads everything', async () => {
    async function* records(): AsyncGenerator<SourceRecord> {
      for (let id = 1; id <= N; id++) yield { key: id, payload: documentOf(id) };
    }
    const sink = new MemorySink({
      async beforeWrite() {
        await turns(20); // a slow database: the reader runs ahead until the budget stops it
      },
    });
    const report = await pipeline({ source: fromIterable(records()), sink, mapper: PERSON_MAPPER, workers: 2, taskSize: 20, batchSize: 100, queueSize: 2000, maxBytesInFlight: BUDGET, maxInFlightCommits: 1 }).run();

    expect(report.counts).toMatchObject({ read: N, succeeded: N, failed: 0 });
    expect(sink.rows.get('person')).toHaveLength(N);
    // Observed on the gate: admitted bytes stayed within the budget, and the budget was what bound them.
    expect(report.queue.byteCapacity).toBe(BUDGET);
    expect(report.queue.maxBytes).toBeLessThanOrEqual(BUDGET);
    expect(report.queue.maxBytes).toBeGreaterThan(BUDGET - 128 * 1024);
    console.log("DEPTH", report.queue.maxDepth);
    // The reader never held every record at once (queueSize would have let it). How many it held
    // is timing: records mapped are charged their rows, not their documents, and wait for the slow
    // sink (64-134 of 300 observed; a bound of 128 failed one run in eight).
    expect(report.queue.maxDepth).toBeLessThan(N);
  });
});
