import { Observable } from 'rxjs';
import type { SourceRecord } from '../core/record.js';
import type { ReadRequest, Source } from '../source/source.js';
import type { CreditGate } from './credit-gate.js';
import type { Latency } from '../metrics/latency.js';

/**
 * The source as an Observable that reads a page only once the gate grants credits for it, so
 * records read but not committed never exceed the gate's capacity. Unsubscribing (or `stop`)
 * ends reading and closes the source's iterator.
 */
export function readPages(source: Source, request: ReadRequest, gate: CreditGate, latency: Latency, stop: AbortSignal): Observable<SourceRecord[]> {
  return new Observable<SourceRecord[]>((subscriber) => {
    const ac = new AbortController();
    const onStop = () => ac.abort();
    if (stop.aborted) ac.abort();
    // No { once: true }: a signal aborts at most once, and the teardown removes the listener.
    else stop.addEventListener('abort', onStop);
    const iterator = source.pages({ ...request, signal: ac.signal })[Symbol.asyncIterator]();
    void (async () => {
      try {
        for (;;) {
          if (!(await gate.acquire(request.pageSize, ac.signal))) break;
          if (ac.signal.aborted) {
            gate.release(request.pageSize);
            break;
          }
          const t0 = performance.now();
          const next = await iterator.next();
          latency.record(performance.now() - t0);
          const got = next.done ? 0 : next.value.length;
          gate.release(request.pageSize - got);
          if (next.done) break;
          if (got) subscriber.next(next.value);
          // A synchronous source (better-sqlite3) would otherwise keep this loop in microtasks
          // until the gate blocks: worker results and commits would wait for the queue to fill.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        subscriber.complete();
      } catch (error) {
        subscriber.error(error);
      } finally {
        await iterator.return?.();
      }
    })();
    return () => {
      stop.removeEventListener('abort', onStop);
      ac.abort();
    };
  });
}
