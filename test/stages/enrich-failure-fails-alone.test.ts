import { describe, expect, it } from 'vitest';
import { batchRecords, commitBatches, enrich, fromArray, openFlow, parseAndMap, readSource, runFlow, SluiceHttpError } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

describe('enrich: a call that fails for good', () => {
  it('fails its record alone, with its error; every other record commits', async () => {
    const sink = new MemorySink();
    const calls = new Map<number, number>();
    const flow = await openFlow({ mapper: PERSON_MAPPER, sink, workers: 1, batchSize: 10 });
    const report = await runFlow(
      flow,
      readSource(flow, fromArray(Array.from({ length: 30 }, (_, i) => ({ key: i + 1, payload: personXml(i + 1) })))).pipe(
        parseAndMap(flow),
        enrich(
          flow,
          async (record) => {
            const key = Number(record.key);
            calls.set(key, (calls.get(key) ?? 0) + 1);
            if (key === 7) throw SluiceHttpError.from({ status: 404, statusText: 'Not Found', url: 'http://scores.test/p/7?apiKey=secret', headers: { get: () => null } });
            if (key === 9) throw SluiceHttpError.from({ status: 503, headers: { get: () => null } });
          },
          { name: 'risk-score', retry: { maxAttempts: 3, baseDelayMillis: 1, maxDelayMillis: 2 } },
        ),
        batchRecords(flow),
        commitBatches(flow),
      ),
    );

    expect(report.counts).toMatchObject({ read: 30, succeeded: 28, failed: 2 });
    expect(sink.log.get(7)).toMatchObject({ status: 'failed', error: 'record 7: stage "risk-score" failed: HTTP 404 Not Found from http://scores.test/p/7' });
    expect(sink.log.get(9)).toMatchObject({ status: 'failed', error: 'record 9: stage "risk-score" failed after 3 attempts: HTTP 503' });
    expect(calls.get(7)).toBe(1); // a 404 is not retried
    expect(calls.get(9)).toBe(3); // a 503 is, up to maxAttempts
    expect(sink.rows.get('person')!.map((r) => r[0]).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1).filter((k) => k !== 7 && k !== 9),
    );
  });
});
