import { mergeMap, tap, type OperatorFunction } from 'rxjs';
import { SluiceConfigError } from '../core/errors.js';
import { retry } from '../core/retry.js';
import { CreditGate } from '../pipeline/credit-gate.js';
import type { RetryOptions } from '../pipeline/options.js';
import type { MappedBatch } from '../worker/mapped-batch.js';
import { stateOf, type Flow } from './flow.js';
import { classifyCallError, SluiceHttpError, SluiceTimeoutError } from './http-error.js';
import { batchOf, recordsOf, type MappedRecord, type RecordRows } from './mapped-record.js';
import { RateLimiter } from './rate-limiter.js';

/** A succeeded record, as an enrichment call gets it. */
export type EnrichRecord = Extract<MappedRecord, { status: 'succeeded' }>;

/** What each call of an enrichment gets besides the record. */
export interface EnrichCall {
  /** Aborts when the call times out (`timeoutMillis`): hand it to fetch. */
  readonly signal: AbortSignal;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Ends the record as skipped with this reason (logged); no retry. */
  skip(reason: string): never;
}

/** The enrichment function: returns the record's rows to write, or nothing to write `record.rows` as it left them. */
export type EnrichFn = (record: EnrichRecord, call: EnrichCall) => Promise<RecordRows | void>;

/** How `enrich` calls. */
export interface EnrichOptions {
  /** Named in errors and in the vanished-records check. @default 'enrich' */
  readonly name?: string;
  /** Calls running at once, across all batches. @default 4 */
  readonly concurrency?: number;
  /** Calls started per second, at most, evenly spaced. @default Infinity */
  readonly ratePerSecond?: number;
  /** One attempt's limit; its signal aborts then, and the attempt counts as a transient failure. @default 30000 */
  readonly timeoutMillis?: number;
  /** Backoff of transient failures (HTTP 408/429/5xx, timeouts, dropped connections). @default { maxAttempts: 5, baseDelayMillis: 200, maxDelayMillis: 10000 } */
  readonly retry?: Partial<RetryOptions>;
  /** Which failures are worth another attempt. @default classifyCallError */
  readonly classify?: (error: unknown) => 'transient' | 'record';
}

class EnrichSkip extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * An asynchronous stage on the main thread for the "call an API for each record" job: calls
 * `fn` for each succeeded record with a concurrency cap and a rate limit, retries transient
 * failures with exponential backoff and jitter (a 429's Retry-After is honoured), and hands the
 * call an AbortSignal that fires at its timeout. A record whose call fails for good fails alone,
 * with its error; the others go on to commit. Records stay counted against the flow's queueSize
 * while they wait here, so a slow API slows reading instead of filling memory.
 *
 * @example
 * ```ts
 * readSource(flow, source).pipe(
 *   parseAndMap(flow),
 *   enrich(flow, async (record, { signal }) => {
 *     const res = await fetch(`http://127.0.0.1:8080/score/${record.key}`, { signal });
 *     if (!res.ok) throw SluiceHttpError.from(res);
 *     record.rows.app_base![0]!.risk_score = (await res.json()).score;
 *   }, { concurrency: 8, ratePerSecond: 50 }),
 *   batchRecords(flow),
 *   commitBatches(flow),
 * );
 * ```
 */
export function enrich(flow: Flow, fn: EnrichFn, options: EnrichOptions = {}): OperatorFunction<MappedBatch, MappedBatch> {
  const st = stateOf(flow);
  const name = options.name ?? 'enrich';
  const concurrency = options.concurrency ?? 4;
  const ratePerSecond = options.ratePerSecond ?? Infinity;
  const timeoutMillis = options.timeoutMillis ?? 30_000;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new SluiceConfigError(`enrich concurrency must be an integer ≥ 1; got ${concurrency}`, 'concurrency');
  if (!(ratePerSecond > 0)) throw new SluiceConfigError(`enrich ratePerSecond must be > 0; got ${ratePerSecond}`, 'ratePerSecond');
  if (!(timeoutMillis > 0)) throw new SluiceConfigError(`enrich timeoutMillis must be > 0; got ${timeoutMillis}`, 'timeoutMillis');
  const policy = { maxAttempts: 5, baseDelayMillis: 200, maxDelayMillis: 10_000, ...options.retry };
  const classify = options.classify ?? classifyCallError;
  const slots = new CreditGate(concurrency);
  const limiter = new RateLimiter(ratePerSecond);

  async function attempt(record: EnrichRecord, n: number): Promise<RecordRows | void> {
    await slots.acquire(1);
    try {
      await limiter.wait();
      const ac = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new SluiceTimeoutError(`call timed out after ${timeoutMillis} ms`);
          ac.abort(error);
          reject(error);
        }, timeoutMillis);
      });
      const call: EnrichCall = { signal: ac.signal, attempt: n, skip: (reason) => { throw new EnrichSkip(reason); } };
      try {
        return await Promise.race([fn(record, call), timeout]);
      } finally {
        clearTimeout(timer);
      }
    } finally {
      slots.release(1);
    }
  }

  async function one(record: MappedRecord): Promise<MappedRecord> {
    if (record.status !== 'succeeded') return record;
    let attempts = 0;
    try {
      const rows = await retry(
        (n) => {
          attempts = n;
          return attempt(record, n);
        },
        {
          ...policy,
          classify: (e) => (e instanceof EnrichSkip ? 'fatal' : classify(e)),
          delayHint: (e) => (e instanceof SluiceHttpError ? e.retryAfterMillis : undefined),
          onRetry: ({ attempt: a, delayMillis, error }) =>
            st.options.logger?.warn({ stage: name, key: record.key, attempt: a, delayMillis: Math.round(delayMillis), error: (error as Error)?.message }, 'transient failure; retrying'),
        },
      );
      return { key: record.key, status: 'succeeded', rows: rows ?? record.rows };
    } catch (error) {
      if (error instanceof EnrichSkip) return { key: record.key, status: 'skipped', reason: error.reason };
      const message = (error as Error)?.message ?? String(error);
      const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
      return { key: record.key, status: 'failed', error: `record ${record.key}: stage "${name}" failed${tries}: ${message}` };
    }
  }

  async function enrichBatch(batch: MappedBatch): Promise<MappedBatch> {
    const records = recordsOf(flow, batch);
    if (!records.some((r) => r.status === 'succeeded')) return batch;
    return batchOf(flow, await Promise.all(records.map(one)), batch.stats);
  }

  return (source) => {
    const count = st.ledger.add(name);
    return source.pipe(
      mergeMap((batch) => {
        count.in += batch.keys.length;
        return st.track(enrichBatch(batch));
      }),
      tap((batch) => (count.out += batch.keys.length)),
    );
  };
}
