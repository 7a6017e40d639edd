import { describe, expect, it } from 'vitest';
import { CreditGate } from '../../src/pipeline/credit-gate.js';
import { readPages } from '../../src/pipeline/read-pages.js';
import { Latency } from '../../src/metrics/latency.js';
import { ALL } from '../../src/partition/partition.js';
import type { SourceRecord } from '../../src/core/record.js';
import type { ReadRequest, Source } from '../../src/source/source.js';
import { primedGate } from '../helpers/primed-gate.js';

const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};
const rec = (key: number, bytes: number): SourceRecord => ({ key, payload: 'x'.repeat(bytes) });

/** Hands out its records `request.pageSize` at a time (read at every pull), or whole fixed pages. */
class SizedSource implements Source {
  readonly name = 'sized';
  readonly filtersPartition = false;
  readonly asked: number[] = [];
  closed = false;
  constructor(
    private readonly all: SourceRecord[],
    private readonly fixedPages?: SourceRecord[][],
  ) {}
  canSkip(): boolean {
    return false;
  }
  pages(request: ReadRequest): AsyncIterable<SourceRecord[]> {
    let at = 0;
    let pull = 0;
    const iterator: AsyncIterator<SourceRecord[]> = {
      next: async () => {
        this.asked.push(request.pageSize);
        if (this.fixedPages) {
          const page = this.fixedPages[pull++];
          return page ? { done: false, value: page } : { done: true, value: undefined };
        }
        const page = this.all.slice(at, at + request.pageSize);
        at += page.length;
        return page.length ? { done: false, value: page } : { done: true, value: undefined };
      },
      return: async () => {
        this.closed = true;
        return { done: true, value: undefined };
      },
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }
  async close(): Promise<void> {}
}

describe('readPages and the byte budget', () => {
  it('passes on the records whose bytes fit, the whole page as it is when all fit, and holds the rest until commits free bytes', async () => {
    const page = [rec(1, 4), rec(2, 4), rec(3, 4), rec(4, 4)];
    const small = [rec(5, 1)];
    const source = new SizedSource([], [small, page]);
    const gate = primedGate(100, 10);
    const got: SourceRecord[][] = [];
    let done = false;
    readPages(source, { pageSize: 10, partition: ALL }, gate, new Latency(), new AbortController().signal).subscribe({ next: (p) => got.push(p), complete: () => (done = true) });
    await settle();
    expect(got[0]).toBe(small); // all admitted: the page itself, not a copy
    expect(got.slice(1).map((p) => p.map((r) => r.key))).toEqual([[1, 2]]); // 1 + 4 + 4 bytes; 3 would make 13
    expect(gate.bytesInUse).toBe(9);

    gate.settle([5, 1]); // committed: 5 bytes free
    await settle();
    expect(got.slice(1).map((p) => p.map((r) => r.key))).toEqual([[1, 2], [3]]);
    gate.settle([2]);
    await settle();
    expect(got.slice(1).map((p) => p.map((r) => r.key))).toEqual([[1, 2], [3], [4]]);
    expect(done).toBe(true);
    expect(gate.bytesInUse).toBe(8);
  });

  it('asks the source for as many records as the free budget holds at the average size admitted, one at first', async () => {
    const source = new SizedSource(Array.from({ length: 12 }, (_, i) => rec(i + 1, 2)));
    const gate = new CreditGate(100, 10);
    const got: number[] = [];
    readPages(source, { pageSize: 3, partition: ALL }, gate, new Latency(), new AbortController().signal).subscribe((p) => got.push(...p.map((r) => r.key as number)));
    await settle(20);
    // 1 record (size unknown); then (10 - 2) / 2 = 4, capped at the requested 3, whose records wait until rows are known.
    expect(source.asked).toEqual([1, 3]);
    expect(got).toEqual([1]);
    gate.recharge([1], [2]); // record 1 mapped: rows as large as its payload
    await settle(20);
    // Then (10 - 8) / 2 = 1.
    expect(source.asked.slice(0, 3)).toEqual([1, 3, 1]);
    expect(got).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops waiting for bytes when reading stops, gives back the credits of the records it held, and closes the source', async () => {
    const source = new SizedSource([], [[rec(1, 4), rec(2, 4), rec(3, 4)]]);
    const gate = primedGate(100, 4);
    const stop = new AbortController();
    const got: number[] = [];
    let done = false;
    readPages(source, { pageSize: 10, partition: ALL }, gate, new Latency(), stop.signal).subscribe({ next: (p) => got.push(...p.map((r) => r.key as number)), complete: () => (done = true) });
    await settle();
    expect(got).toEqual([1]);
    expect(gate.inUse).toBe(3);
    stop.abort();
    await settle();
    expect(done).toBe(true);
    expect(gate.inUse).toBe(1); // only record 1, passed on, still holds its credit
    expect(source.closed).toBe(true);
  });
});
