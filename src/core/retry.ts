/** What a failed attempt was: only `transient` errors are tried again. */
export type Classify = (error: unknown) => 'transient' | 'record' | 'fatal';

/** Exponential backoff with jitter: min(max, base · 2^(attempt−1)) scaled by a random factor in [0.5, 1). */
export function backoffDelayMillis(attempt: number, baseDelayMillis: number, maxDelayMillis: number): number {
  return Math.min(maxDelayMillis, baseDelayMillis * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
}

/** How `retry` tries an operation again. */
export interface RetryPolicy {
  /** Attempts, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMillis: number;
  readonly maxDelayMillis: number;
  /** Which errors are worth another attempt: only `transient` ones are retried. */
  readonly classify: Classify;
  /** A wait the failure itself asks for (an HTTP Retry-After), used instead of the backoff when longer. */
  readonly delayHint?: (error: unknown) => number | undefined;
  /** Called before each wait, e.g. to log it. */
  readonly onRetry?: (info: { attempt: number; delayMillis: number; error: unknown }) => void;
  /** Aborting stops the waits: the last error is thrown at once. */
  readonly signal?: AbortSignal;
}

/**
 * The one retry loop of sluice: runs `fn` (given the attempt number, from 1), and after a
 * transient error waits with exponential backoff and jitter (or the failure's own hint, if
 * longer) and tries again, up to `maxAttempts`. Any other error, or the last attempt's, is thrown.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || policy.classify(error) !== 'transient' || policy.signal?.aborted) throw error;
      const backoff = backoffDelayMillis(attempt, policy.baseDelayMillis, policy.maxDelayMillis);
      const delayMillis = Math.max(backoff, policy.delayHint?.(error) ?? 0);
      policy.onRetry?.({ attempt, delayMillis, error });
      if (!(await sleep(delayMillis, policy.signal))) throw error;
    }
  }
}

/** The backoff of `retry` without what the caller decides (which errors are transient). */
export type Backoff = Pick<RetryPolicy, 'maxAttempts' | 'baseDelayMillis' | 'maxDelayMillis'>;

/** How a source retries its reads when no run tells it otherwise (used alone, or by `keyKind`, `check`). */
export const READ_BACKOFF: Backoff = { maxAttempts: 6, baseDelayMillis: 100, maxDelayMillis: 5000 };

/** The run's retry options and abort signal, as a read request carries them. */
export interface ReadRetry {
  /** The run's `retry` options; what is not given comes from `READ_BACKOFF`. */
  readonly retry?: Partial<Backoff>;
  /** Aborting stops the waits between attempts. */
  readonly signal?: AbortSignal;
}

/**
 * Runs an idempotent read (a keyset page, a count, a claim) with `retry`'s backoff, so a
 * failover does not end the run: the run's retry options and signal when the read request
 * carries them (`ReadRequest.retry`, `signal`), else `READ_BACKOFF`.
 */
export function retryTransient<T>(fn: () => Promise<T>, classify: Classify, options: ReadRetry = {}): Promise<T> {
  return retry(fn, { ...READ_BACKOFF, ...options.retry, classify, ...(options.signal && { signal: options.signal }) });
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
