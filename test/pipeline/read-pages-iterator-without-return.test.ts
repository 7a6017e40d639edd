import { afterEach, describe, expect, it } from 'vitest';
import { lastValueFrom, toArray } from 'rxjs';
import type { SourceRecord } from '../../src/core/record.js';
import { CreditGate } from '../../src/pipeline/credit-gate.js';
import { readPages } from '../../src/pipeline/read-pages.js';
import { Latency } from '../../src/metrics/latency.js';
import { ALL } from '../../src/partition/partition.js';
import type { Source } from '../../src/source/source.js';
import { records } from '../helpers/paged-source.js';

/** A source whose iterator has next() only: return() is optional in the iterator protocol. */
function nextOnly(pages: SourceRecord[][]): Source {
  return {
    name: 'next-only',
    filtersPartition: false,
    canSkip: () => false,
    pages: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => (pages.length ? { done: false as const, value: pages.shift()! } : { done: true as const, value: undefined }) }) }),
    close: async () => {},
  };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
afterEach(() => void process.off('unhandledRejection', onUnhandled));

describe('readPages over an iterator without return()', () => {
  it('reads every page and ends without an error, at the end and when unsubscribed early', async () => {
    process.on('unhandledRejection', onUnhandled);
    const pages = await lastValueFrom(readPages(nextOnly([records(1, 2), records(3, 2)]), { pageSize: 2, partition: ALL }, new CreditGate(10), new Latency(), new AbortController().signal).pipe(toArray()));
    expect(pages.flat().map((r) => r.key)).toEqual([1, 2, 3, 4]);

    const sub = readPages(nextOnly([records(1, 2), records(3, 2)]), { pageSize: 2, partition: ALL }, new CreditGate(2), new Latency(), new AbortController().signal).subscribe();
    sub.unsubscribe();
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });
});
