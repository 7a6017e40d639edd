import { describe, expect, it } from 'vitest';
import { batchRecords, commitBatches, enrich, fromIterable, openFlow, parseAndMap, readSource, runFlow, type SourceRecord } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';
import { waitUntil } from '../helpers/wait-until.js';

/** Lets the event loop turn: the reader runs if it can. */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('the queue bound spans a user stage', () => {
  it('stops reading while an enrichment stage holds queueSize records, and resumes when it lets them go', async () => {
    const queueSize = 100;
    const taskSize = 10;
    let read = 0;
    async function* records(): AsyncGenerator<SourceRecord> {
      for (let id = 1; id <= 600; id++) {
        read++;
        yield { key: id, payload: personXml(id, 1) };
      }
    }
    const sink = new MemorySink();
    const held: (() => void)[] = [];
    let open = false;
    let maxOutstanding = 0;
    const flow = await openFlow({ mapper: PERSON_MAPPER, sink, workers: 1, taskSize, queueSize, batchSize: 20 });
    const run = runFlow(
      flow,
      readSource(flow, fromIterable(records())).pipe(
        parseAndMap(flow),
        // The calls do not return until the test opens the stage: records pile up in it.
        enrich(
          flow,
          () => {
            maxOutstanding = Math.max(maxOutstanding, read - sink.log.size);
            return open ? Promise.resolve() : new Promise<void>((resolve) => held.push(resolve));
          },
          { concurrency: 1000 },
        ),
        batchRecords(flow),
        commitBatches(flow),
      ),
    );

    await waitUntil(() => held.length >= queueSize - taskSize, 30_000, 'the stage to fill');
    await turns(50);
    // The reader stalled at the bound: nothing was committed, and no more than queueSize were read.
    expect(sink.log.size).toBe(0);
    expect(read).toBeLessThanOrEqual(queueSize);
    expect(held.length).toBeLessThanOrEqual(queueSize);

    open = true;
    for (const release of held.splice(0)) release();
    const report = await run;
    expect(report.counts).toMatchObject({ read: 600, succeeded: 600 });
    expect(sink.count('succeeded')).toBe(600);
    expect(maxOutstanding).toBeLessThanOrEqual(queueSize);
    expect(report.queue.maxDepth).toBeLessThanOrEqual(queueSize);
  });
});
