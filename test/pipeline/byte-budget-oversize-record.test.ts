import { describe, expect, it } from 'vitest';
import { fromArray, pipeline } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

describe('the byte budget and a record larger than it', () => {
  it('lets the record in alone, once nothing else is in flight, and the run completes', async () => {
    const BUDGET = 64 * 1024;
    const big = personXml(50, 1).replace('</Person>', `<!--${'x'.repeat(1 << 20)}--></Person>`);
    const records = Array.from({ length: 100 }, (_, i) => ({ key: i + 1, payload: i + 1 === 50 ? big : personXml(i + 1, 1) }));
    const batches: unknown[][] = [];
    const sink = new MemorySink({ beforeWrite: (batch) => void batches.push(batch.entries.map((e) => e.key)) });
    const report = await pipeline({ source: fromArray(records), sink, mapper: PERSON_MAPPER, workers: 1, taskSize: 10, maxBytesInFlight: BUDGET, maxBatchWaitMillis: 60_000 }).run();

    expect(report.counts).toMatchObject({ read: 100, succeeded: 100, failed: 0 });
    expect(sink.rows.get('person')).toHaveLength(100);
    // Alone: the records before it were committed before it was let in (later ones join it once it is mapped and its payload gone).
    expect(Math.min(...(batches.find((keys) => keys.includes(50)) as number[]))).toBe(50);
    expect(report.queue.maxBytes).toBeGreaterThanOrEqual(big.length);
  });
});
