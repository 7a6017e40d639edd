import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SluiceConfigError } from 'sluice';
import { LeaseHeartbeat, leaseTimings } from '../../src/source/lease-heartbeat.js';

describe('LeaseHeartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('extends every interval, skips a beat while one is running, survives a failed beat, stops', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const hb = new LeaseHeartbeat(() => {
      calls++;
      if (calls === 2) return Promise.reject(new Error('connection lost'));
      return new Promise<void>((r) => (release = r));
    }, 1000);
    hb.start();
    hb.start(); // idempotent
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(3000); // the first beat still runs: no pile-up
    expect(calls).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2); // this one fails, and is ignored
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(3);
    release();
    hb.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(3);
  });
});

describe('leaseTimings', () => {
  it('fills defaults from the lease and refuses a heartbeat that comes too late', () => {
    expect(leaseTimings({})).toEqual({ leaseMillis: 60_000, heartbeatMillis: 20_000, pollMillis: 1000, maxAttempts: 3 });
    expect(leaseTimings({ leaseMillis: 2000 })).toEqual({ leaseMillis: 2000, heartbeatMillis: 666, pollMillis: 500, maxAttempts: 3 });
    expect(() => leaseTimings({ leaseMillis: 1000, heartbeatMillis: 1000 })).toThrow(/heartbeatMillis \(1000\) must be less than leaseMillis \(1000\)/);
    expect(() => leaseTimings({ maxAttempts: 0 })).toThrow(SluiceConfigError);
  });
});
