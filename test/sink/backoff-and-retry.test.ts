import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelayMillis, retryTransient } from '../../src/core/retry.js';

describe('backoff', () => {
  afterEach(() => vi.restoreAllMocks());

  it('doubles from the base, caps at the maximum, and jitters into [half, full)', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect([1, 2, 3, 4, 10].map((a) => Math.round(backoffDelayMillis(a, 50, 300)))).toEqual([50, 100, 200, 300, 300]);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoffDelayMillis(3, 50, 300)).toBe(100);
  });

  it('retryTransient tries transient failures again and gives up on others at once', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const flaky = retryTransient(async () => (++calls < 3 ? Promise.reject(new Error('busy')) : 'ok'), () => 'transient', { retry: { maxAttempts: 6, baseDelayMillis: 10 } });
    await vi.runAllTimersAsync();
    await expect(flaky).resolves.toBe('ok');
    expect(calls).toBe(3);
    let fatalCalls = 0;
    await expect(retryTransient(async () => (fatalCalls++, Promise.reject(new Error('no such table'))), () => 'fatal')).rejects.toThrow('no such table');
    expect(fatalCalls).toBe(1);
    vi.useRealTimers();
  });
});
