import { getEventListeners } from 'node:events';
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
const request = { pageSize: 2, partition: ALL };

describe('readPages stopping', () => {
  it('an already aborted stop reads nothing and completes', async () => {
    const source = new PagedSource([records(1, 2)]);
    const stop = AbortSignal.abort();
    const gate = new CreditGate(10);
    const pages = await lastValueFrom(readPages(source, request, gate, new Latency(), stop).pipe(toArray()));
    expect(pages).toEqual([]);
    expect(source.pulls).toBe(0);
    expect(gate.inUse).toBe(0);
    expect(source.request!.signal!.aborted).toBe(true);
  });

  it('a stop while waiting for credits ends the stream, gives nothing back twice and closes the iterator', async () => {
    const source = new PagedSource([records(1, 2), records(3, 2), records(5, 2)]);
    const gate = new CreditGate(2);
    const stop = new AbortController();
    let completed = false;
    readPages(source, request, gate, new Latency(), stop.signal).subscribe({ complete: () => (completed = true) });
    await settle();
    expect(source.pulls).toBe(1); // waits: the first page holds every credit
    stop.abort();
    await settle();
    expect(completed).toBe(true);
    expect(source.pulls).toBe(1);
    expect(source.closedIterator).toBe(true);
    expect(gate.inUse).toBe(2);
  });

  it('a stop right after the gate granted a page gives those credits back without reading the page', async () => {
    const source = new PagedSource([records(1, 2), records(3, 2)]);
    const gate = new CreditGate(2);
    const stop = new AbortController();
    readPages(source, request, gate, new Latency(), stop.signal).subscribe();
    await settle();
    gate.release(2); // the first page committed: the waiting reader is granted 2 credits...
    stop.abort(); // ...and stopped before it could use them
    await settle();
    expect(source.pulls).toBe(1);
    expect(gate.inUse).toBe(0);
  });

  it('unsubscribing stops reading, closes the iterator and removes its listener from the stop signal', async () => {
    const source = new PagedSource([records(1, 2), records(3, 2), records(5, 2)]);
    const gate = new CreditGate(2);
    const stop = new AbortController();
    const sub = readPages(source, request, gate, new Latency(), stop.signal).subscribe();
    await settle();
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(1);
    sub.unsubscribe();
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
    expect(source.request!.signal!.aborted).toBe(true);
    gate.release(2);
    await settle();
    expect(source.pulls).toBe(1);
    expect(source.closedIterator).toBe(true);
    expect(gate.inUse).toBe(0);
  });

  it('a source error ends the stream with that error and still closes the iterator', async () => {
    const boom = new Error('disk read failed');
    const source = new PagedSource([records(1, 2), records(3, 2)], { pull: 2, error: boom });
    const pages: unknown[] = [];
    const error = await new Promise((resolve) => {
      readPages(source, request, new CreditGate(10), new Latency(), new AbortController().signal).subscribe({ next: (p) => pages.push(p), error: resolve });
    });
    expect(error).toBe(boom);
    expect(pages).toHaveLength(1);
    await settle();
    expect(source.closedIterator).toBe(true);
  });
});
