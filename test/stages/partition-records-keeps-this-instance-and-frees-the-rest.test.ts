import { tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fromArray, keyRange, modulo, openFlow, parseAndMap, partitionRecords, readSource, runFlow, settleRecords, type Partition } from 'sluice';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

const records = (n: number) => Array.from({ length: n }, (_, i) => ({ key: i + 1, payload: personXml(i + 1) }));
const KEYS = Array.from({ length: 24 }, (_, i) => i + 1);

describe('partitionRecords, on a source that cannot filter keys itself', () => {
  it.each([
    ['keyRange(6, 13)', keyRange(6, 13), KEYS.filter((k) => k >= 6 && k <= 13)],
    ['modulo(1, 3)', modulo(1, 3), KEYS.filter((k) => k % 3 === 1)],
  ] as [string, Partition, number[]][])('%s passes on only its keys, never an empty page, and the others take no room in the queue', async (_name, partition, expected) => {
    // queueSize 4 with pages of 4: a dropped page that kept its credits would stop the reader for good.
    const flow = await openFlow({ mapper: PERSON_MAPPER, workers: 1, queueSize: 4, taskSize: 4 });
    const pages: number[][] = [];
    const report = await runFlow(
      flow,
      readSource(flow, fromArray(records(KEYS.length)), { pageSize: 4 }).pipe(
        partitionRecords(flow, partition),
        tap((page) => pages.push(page.map((r) => r.key as number))),
        parseAndMap(flow),
        settleRecords(flow),
      ),
    );
    expect(pages.flat()).toEqual(expected);
    expect(pages.every((p) => p.length > 0)).toBe(true);
    // Records of other instances are neither read nor settled here: read = succeeded.
    expect(report.counts).toMatchObject({ read: expected.length, succeeded: expected.length, failed: 0, skipped: 0 });
  });
});
