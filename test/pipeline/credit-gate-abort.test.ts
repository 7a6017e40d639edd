import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CreditGate } from '../../src/pipeline/credit-gate.js';

describe('CreditGate abort', () => {
  it('an aborted waiter leaves the queue: a later release goes to the next waiter, credits stay exact', async () => {
    const gate = new CreditGate(3);
    await gate.acquire(3);
    const ac = new AbortController();
    const aborted = gate.acquire(3, ac.signal);
    const next = gate.acquire(2);
    ac.abort();
    expect(await aborted).toBe(false);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);

    gate.release(1); // 2 in use: 2 + 2 > 3, the next waiter still waits
    gate.release(1); // 1 in use: 1 + 2 fits
    expect(await next).toBe(true);
    expect(gate.inUse).toBe(3);
  });

  it('an abort after the grant changes nothing: the waiter keeps its credits and resolves true', async () => {
    const gate = new CreditGate(2);
    await gate.acquire(2);
    const ac = new AbortController();
    const waiting = gate.acquire(2, ac.signal);
    gate.release(2);
    ac.abort();
    expect(await waiting).toBe(true);
    expect(gate.inUse).toBe(2);
  });
});
