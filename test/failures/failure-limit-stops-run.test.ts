import { describe, expect, it } from 'vitest';
import { fromArray, pipeline } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

const records = (n: number, bad: (id: number) => boolean) =>
  Array.from({ length: n }, (_, i) => ({ key: i + 1, payload: bad(i + 1) ? `<Person><Name>x</Name><Born>1990-02-30</Born></Person>` : personXml(i + 1) }));

describe('failure limits', () => {
  it('maxFailures stops a run whose data is clearly wrong, naming the count and the most common error', async () => {
    const sink = new MemorySink();
    const report = await pipeline({
      source: fromArray(records(5000, (id) => id % 2 === 0)),
      sink,
      mapper: PERSON_MAPPER,
      workers: 1,
      batchSize: 100,
      queueSize: 400,
      maxFailures: 50,
    }).run();
    expect(report.status.state).toBe('stopped');
    const error = (report.status as { error: string }).error;
    expect(error).toMatch(/^stopped: \d+ of \d+ records failed, over maxFailures 50\. Most common: \d+× record \d+: SluiceConversionError: person\.born: cannot convert "1990-02-30"/);
    expect(report.counts.read).toBeLessThan(1000); // it stopped early
    // What was committed before the stop is consistent: one entry per committed record.
    expect(sink.log.size).toBe(report.counts.succeeded + report.counts.failed);
  });

  it('maxFailureRate stops once the failed share is over the rate', async () => {
    const report = await pipeline({
      source: fromArray(records(6000, (id) => id % 10 < 3)), // 30% bad
      sink: new MemorySink(),
      mapper: PERSON_MAPPER,
      workers: 1,
      batchSize: 500,
      queueSize: 1000,
      maxFailureRate: 0.1,
    }).run();
    expect(report.status).toMatchObject({ state: 'stopped' });
    expect((report.status as { error: string }).error).toMatch(/over maxFailureRate 0\.1/);
  });

  it('a run under the limits completes', async () => {
    const report = await pipeline({
      source: fromArray(records(300, (id) => id === 7)),
      sink: new MemorySink(),
      mapper: PERSON_MAPPER,
      workers: 1,
      maxFailures: 1,
    }).run();
    expect(report.status).toEqual({ state: 'completed' });
    expect(report.counts).toMatchObject({ succeeded: 299, failed: 1 });
  });
});
