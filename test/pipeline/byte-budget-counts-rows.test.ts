import { describe, expect, it } from 'vitest';
import { fromIterable, pipeline, type SourceRecord } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';
import { STRING_HEAP_BYTES, VALUE_HEAP_BYTES } from '../../src/worker/row-collector.js';

/** Resolves after the event loop has turned a few times. */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

const BUDGET = 256 * 1024;
const N = 400;
const PAGE = 10;
/** 100 phones: 100 rows of three values, each row costing more than its `<Phone>` element's characters. */
const documentOf = (id: number) => personXml(id, 100);
/** What the rows of a person cost in the main thread, as the workers estimate them. */
const rowBytesOf = (rows: readonly unknown[][]) =>
  rows.flat().reduce<number>((sum, v) => sum + (typeof v === 'string' ? STRING_HEAP_BYTES + v.length : VALUE_HEAP_BYTES), 0);

describe('the byte budget and mapped rows', () => {
  it('charges records by their rows once mapped, so rows larger than payloads keep bytes in flight within the budget', async () => {
    let read = 0;
    let committed = 0;
    let maxInFlight = 0;
    async function* records(): AsyncGenerator<SourceRecord> {
      for (let id = 1; id <= N; id++) {
        read++;
        maxInFlight = Math.max(maxInFlight, read - committed);
        yield { key: id, payload: documentOf(id) };
      }
    }
    const sink = new MemorySink({
      async beforeWrite(batch) {
        await turns(20); // a slow database: rows wait on the main thread for their commit
        committed += batch.entries.length;
      },
    });
    const report = await pipeline({ source: fromIterable(records()), sink, mapper: PERSON_MAPPER, workers: 2, taskSize: PAGE, batchSize: 100, queueSize: 2000, maxBytesInFlight: BUDGET, maxInFlightCommits: 1 }).run();

    expect(report.counts).toMatchObject({ read: N, succeeded: N, failed: 0 });
    const phones = sink.rows.get('phone')!;
    const perRecord = rowBytesOf(phones.filter((r) => r[0] === N)) + rowBytesOf(sink.rows.get('person')!.filter((r) => r[0] === N));
    expect(perRecord).toBeGreaterThan(2 * documentOf(N).length); // the case at hand: rows cost over twice the payload
    // Observed on the gate: what it held (payloads, then rows) stayed within the budget, give or take a record's estimate.
    expect(report.queue.maxBytes).toBeLessThanOrEqual(BUDGET + perRecord);
    // Observed at the source: records read but not committed are what the budget holds at their rows' cost, and a page.
    expect(maxInFlight).toBeLessThanOrEqual(Math.ceil(BUDGET / perRecord) + PAGE);
    // And the budget was used, not one record at a time.
    expect(maxInFlight).toBeGreaterThan(BUDGET / perRecord / 2);
  });
});
