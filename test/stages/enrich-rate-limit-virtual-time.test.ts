import { firstValueFrom, of } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchOf, enrich, openFlow, type Flow, type MappedRecord } from 'sluice';
import { PERSON_MAPPER } from '../helpers/people.js';

const person = (key: number): MappedRecord => ({ key, status: 'succeeded', rows: { person: [{ id: key, name: `P${key}`, born: null }] } });

describe('enrich: rate limit', () => {
  let flow: Flow | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await flow?.close();
  });

  it('starts at most ratePerSecond calls a second, evenly spaced, in virtual time', async () => {
    flow = await openFlow({ mapper: PERSON_MAPPER, workers: 1 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t0 = Date.now();
    const startedAt: number[] = [];
    const batch = batchOf(flow, Array.from({ length: 10 }, (_, i) => person(i + 1)));
    const out = firstValueFrom(
      of(batch).pipe(
        enrich(flow, async () => void startedAt.push(Date.now() - t0), { concurrency: 10, ratePerSecond: 4 }),
      ),
    );

    await vi.advanceTimersByTimeAsync(0);
    expect(startedAt).toEqual([0]); // the first call at once, the others wait for their slots
    await vi.advanceTimersByTimeAsync(1000);
    expect(startedAt).toEqual([0, 250, 500, 750, 1000]);
    await vi.advanceTimersByTimeAsync(1250);
    expect(startedAt).toHaveLength(10);
    expect(startedAt.at(-1)).toBe(2250);
    const result = await out;
    expect([...result.status]).toEqual(new Array(10).fill(0)); // all succeeded
  });
});
