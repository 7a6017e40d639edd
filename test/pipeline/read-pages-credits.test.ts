import { describe, expect, it } from 'vitest';
import { lastValueFrom, toArray } from 'rxjs';
import { CreditGate } from '../../src/pipeline/credit-gate.js';
import { readPages } from '../../src/pipeline/read-pages.js';
import { Latency } from '../../src/metrics/latency.js';
import { ALL } from '../../src/partition/partition.js';
import { PagedSource, records } from '../helpers/paged-source.js';

const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('readPages and the credit gate', () => {
  it('pulls a page only when the gate has room for a whole page, and holds one credit per record delivered', async () => {
    const source = new PagedSource([records(1, 4), records(5, 4), records(9, 4)]);
    const gate = new CreditGate(8);
    const got: number[][] = [];
    const sub = readPages(source, { pageSize: 4, partition: ALL }, gate, new Latency(), new AbortController().signal).subscribe((page) => got.push(page.map((r) => r.key as number)));

    await settle();
    expect(source.pulls).toBe(2); // 8 credits: two pages, then the reader waits
    expect(got).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]]);
    expect(gate.inUse).toBe(8);

    gate.release(4); // the first page committed
    await settle();
    expect(source.pulls).toBe(3);
    expect(got).toHaveLength(3);
    expect(gate.peak).toBe(8);
    sub.unsubscribe();
  });

  it('gives back the credits a short or empty page did not use, and emits no empty page', async () => {
    const source = new PagedSource([records(1, 3), [], records(4, 1)]);
    const gate = new CreditGate(100);
    const pages = await lastValueFrom(readPages(source, { pageSize: 10, partition: ALL }, gate, new Latency(), new AbortController().signal).pipe(toArray()));
    expect(pages.map((p) => p.length)).toEqual([3, 1]);
    expect(gate.inUse).toBe(4);
    expect(source.pulls).toBe(4); // the fourth pull finds the end
    expect(source.closedIterator).toBe(true);
  });

  it('passes the request on to the source with a signal of its own, and times every pull', async () => {
    const source = new PagedSource([records(1, 2)]);
    const latency = new Latency();
    await lastValueFrom(readPages(source, { pageSize: 2, partition: ALL, limit: 7 }, new CreditGate(10), latency, new AbortController().signal).pipe(toArray()));
    expect(source.request).toMatchObject({ pageSize: 2, partition: ALL, limit: 7 });
    expect(source.request!.signal).toBeInstanceOf(AbortSignal);
    expect(latency.summary().count).toBe(2);
  });
});
