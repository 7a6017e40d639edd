import { describe, expect, it } from 'vitest';
import { fromArray, pipeline, type Progress } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

describe('progress$', () => {
  it('gives a late subscriber the latest value at once, even after the run', async () => {
    const load = pipeline({
      source: fromArray(Array.from({ length: 120 }, (_, i) => ({ key: i + 1, payload: personXml(i + 1) }))),
      sink: new MemorySink(),
      mapper: PERSON_MAPPER,
      workers: 1,
      batchSize: 50,
    });
    const before: Progress[] = [];
    load.progress$.subscribe((p) => before.push(p));
    expect(before).toHaveLength(1); // subscribed before the run: the starting point at once
    expect(before[0]).toMatchObject({ read: 0, succeeded: 0 });

    const report = await load.run();
    const late: Progress[] = [];
    let completed = false;
    load.progress$.subscribe({ next: (p) => late.push(p), complete: () => (completed = true) });
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ read: 120, succeeded: 120, failed: 0, inFlight: 0 });
    expect(late[0]).toEqual(before.at(-1));
    expect(completed).toBe(true);
    expect(report.counts.succeeded).toBe(120);
  });
});
