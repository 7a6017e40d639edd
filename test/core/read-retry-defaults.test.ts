import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { READ_BACKOFF, retryTransient } from '../../src/core/retry.js';

const transient = () => 'transient' as const;

describe("a source read retried without the run's options", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tries 6 times, waiting from 100 ms, doubling, at most 5 s', async () => {
    expect(READ_BACKOFF).toEqual({ maxAttempts: 6, baseDelayMillis: 100, maxDelayMillis: 5000 });
    const at: number[] = [];
    const fn = vi.fn(() => {
      at.push(Date.now());
      return Promise.reject(new Error('server closed the connection'));
    });
    const settled = retryTransient(fn, transient).catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await settled).toBe('server closed the connection');
    expect(fn).toHaveBeenCalledTimes(6);
    // Jitter scales each wait into [0.5, 1) of 100, 200, 400, 800, 1600 ms.
    const waits = at.slice(1).map((t, i) => t - at[i]!);
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(50 * 2 ** i);
      expect(w).toBeLessThan(100 * 2 ** i);
    });
  });

  it("takes the run's options and signal when the read request carries them", async () => {
    const stop = new AbortController();
    const fn = vi.fn(() => Promise.reject(new Error('busy')));
    const settled = retryTransient(fn, transient, { retry: { maxAttempts: 3, baseDelayMillis: 1000 }, signal: stop.signal }).catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(0);
    expect(fn).toHaveBeenCalledTimes(1);
    stop.abort();
    expect(await settled).toBe('busy');
    expect(fn).toHaveBeenCalledTimes(1);
    const again = vi.fn(() => Promise.reject(new Error('busy')));
    const three = retryTransient(again, transient, { retry: { maxAttempts: 3, baseDelayMillis: 1 } }).catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await three).toBe('busy');
    expect(again).toHaveBeenCalledTimes(3);
  });
});
