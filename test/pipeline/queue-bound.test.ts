import { describe, expect, it } from 'vitest';
import { fromIterable, pipeline, type SourceRecord } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

/** Resolves after the event loop has turned a few times: lets the reader run if it can. */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('backpressure', () => {
  it('never has more than queueSize records read but not committed, with a slow sink', async () => {
    const queueSize = 200;
    const taskSize = 20; // the reader takes credits a page at a time, so it stalls within a page of the bound
    let read = 0;
    let committed = 0;
    let maxOutstanding = 0;
    let sourceDone = false;
    async function* records(): AsyncGenerator<SourceRecord> {
      for (let id = 1; id <= 1500; id++) {
        read++;
        maxOutstanding = Math.max(maxOutstanding, read - committed);
        yield { key: id, payload: personXml(id, 1) };
      }
      sourceDone = true;
    }
    // The sink commits only once the reader has filled the queue and stalled (or ended):
    // a reader that ignored the bound would read all 1500 records first.
    const sink = new MemorySink({
      async beforeWrite(batch) {
        while (read - committed <= queueSize - taskSize && !sourceDone) await turns(1);
        await turns(20);
        committed += batch.entries.length;
      },
    });
    const report = await pipeline({
      source: fromIterable(records()),
      sink,
      mapper: PERSON_MAPPER,
      workers: 2,
      taskSize,
      batchSize: 50,
      queueSize,
      maxInFlightCommits: 1,
    }).run();

    expect(report.counts.succeeded).toBe(1500);
    expect(sink.count('succeeded')).toBe(1500);
    expect(maxOutstanding).toBeLessThanOrEqual(queueSize);
    expect(maxOutstanding).toBeGreaterThan(queueSize - taskSize); // the bound was actually reached
    expect(report.queue.maxDepth).toBeLessThanOrEqual(queueSize);
  });
});
