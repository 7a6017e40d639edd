/** What a failed attempt was: only `transient` errors are tried again. */
export type Classify = (error: unknown) => 'transient' | 'record' | 'fatal';

/** Exponential backoff with jitter: min(max, base · 2^(attempt−1)) scaled by a random factor in [0.5, 1). */
export function backoffDelayMillis(attempt: number, baseDelayMillis: number, maxDelayMillis: number): number {
  return Math.min(maxDelayMillis, baseDelayMillis * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
}

/**
 * Runs an idempotent operation (a keyset page, a count, a claim), trying it again after a
 * transient error with exponential backoff, so that a terminated backend, a failover or a
 * restarted server does not end the run. Any other error, or the last attempt's, is thrown.
 */
export async function retryTransient<T>(fn: () => Promise<T>, classify: Classify, attempts = 6, baseDelayMillis = 100): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || classify(error) !== 'transient') throw error;
      await new Promise((r) => setTimeout(r, backoffDelayMillis(i, baseDelayMillis, 5000)));
    }
  }
}
