import { Observable } from 'rxjs';
import type { SourceRecord } from '../core/record.js';
import { nextTurn } from '../core/next-turn.js';
import type { ReadRequest, Source } from '../source/source.js';
import { payloadBytes, type CreditGate } from './credit-gate.js';
import type { Latency } from '../metrics/latency.js';

/**
 * The source as an Observable that reads a page only once the gate grants credits for it, and
 * passes a record on only once the gate admits its bytes, so records read but not committed
 * never exceed the gate's record capacity and the records passed on never exceed its byte budget.
 * The page size asked of the source (`request.pageSize`, read by the source for each page)
 * shrinks to what the free byte budget holds. Unsubscribing (or `stop`) ends reading and closes
 * the source's iterator.
 */
export function readPages(source: Source, request: ReadRequest, gate: CreditGate, latency: Latency, stop: AbortSignal): Observable<SourceRecord[]> {
  return new Observable<SourceRecord[]>((subscriber) => {
    const ac = new AbortController();
    const onStop = () => ac.abort();
    if (stop.aborted) ac.abort();
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, a signal aborts at most once and the teardown removes the listener anyway
    else stop.addEventListener('abort', onStop, { once: true });
    let pageSize = request.pageSize;
    const live: ReadRequest = Object.defineProperty({ ...request, signal: ac.signal }, 'pageSize', { get: () => pageSize, enumerable: true });
    const iterator = source.pages(live)[Symbol.asyncIterator]();
    /** Passes the page on as its records' bytes are admitted; false if stopped while waiting. */
    const admit = async (page: SourceRecord[]): Promise<boolean> => {
      let from = 0;
      for (let i = 0; i < page.length; i++) {
        const r = page[i]!;
        if (gate.tryAdmit(r.key, payloadBytes(r))) continue;
        // What is admitted goes on first: its commits are what frees the budget.
        if (i > from) subscriber.next(page.slice(from, i));
        from = i;
        if (!(await gate.admit(r.key, payloadBytes(r), ac.signal))) {
          gate.release(page.length - i);
          return false;
        }
      }
      if (from < page.length) subscriber.next(from === 0 ? page : page.slice(from));
      return true;
    };
    void (async () => {
      try {
        for (;;) {
          pageSize = gate.pageSize(request.pageSize);
          if (!(await gate.acquire(pageSize, ac.signal))) break;
          if (ac.signal.aborted) {
            gate.release(pageSize);
            break;
          }
          const t0 = performance.now();
          const next = await iterator.next();
          latency.record(performance.now() - t0);
          const got = next.done ? 0 : next.value.length;
          gate.release(pageSize - got);
          if (next.done) break;
          if (got && !(await admit(next.value))) break;
          // A synchronous source (better-sqlite3) would otherwise keep this loop in microtasks
          // until the gate blocks: worker results and commits would wait for the queue to fill.
          await nextTurn();
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
