import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retry, type RetryPolicy } from '../../src/core/retry.js';

const transient = () => 'transient' as const;
const policy = (over: Partial<RetryPolicy>): RetryPolicy => ({ maxAttempts: 5, baseDelayMillis: 60_000, maxDelayMillis: 60_000, classify: transient, ...over });

describe('aborting the signal of a retry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ends a wait between attempts at once: the last error is thrown, no further attempt, no listener left', async () => {
    const stop = new AbortController();
    const fn = vi.fn(() => Promise.reject(new Error('connection reset')));
    const run = retry(fn, policy({ signal: stop.signal }));
    const settled = run.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(1);
    stop.abort();
    // No timer advanced: the minute-long wait ends with the abort alone.
    expect(await settled).toBe('connection reset');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });

  it('skips the wait when the signal aborts as the retry is announced (onRetry)', async () => {
    const stop = new AbortController();
    const fn = vi.fn(() => Promise.reject(new Error('busy')));
    const settled = retry(fn, policy({ signal: stop.signal, onRetry: () => stop.abort() })).catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(0);
    expect(await settled).toBe('busy');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('removes its abort listener after a wait that ran its course', async () => {
    const stop = new AbortController();
    let calls = 0;
    const fn = () => (++calls < 3 ? Promise.reject(new Error('busy')) : Promise.resolve('page'));
    const run = retry(fn, policy({ signal: stop.signal, baseDelayMillis: 10, maxDelayMillis: 10 }));
    await vi.advanceTimersByTimeAsync(100);
    expect(await run).toBe('page');
    expect(calls).toBe(3);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });
});
