import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CreditGate } from '../../src/pipeline/credit-gate.js';

describe('CreditGate', () => {
  it('makes acquirers wait for released credits, in order, never exceeding capacity', async () => {
    const gate = new CreditGate(10);
    expect(await gate.acquire(6)).toBe(true);
    const order: string[] = [];
    const a = gate.acquire(6).then(() => order.push('a'));
    const b = gate.acquire(4).then(() => order.push('b'));
    await Promise.resolve();
    expect(order).toEqual([]); // b would fit, but waits behind a: first come, first served
    gate.release(6);
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
    expect(gate.inUse).toBe(10);
    expect(gate.peak).toBe(10);
  });

  it('an abort ends a wait with false; a granted wait leaves no listener behind', async () => {
    const gate = new CreditGate(1);
    const ac = new AbortController();
    await gate.acquire(1, ac.signal);
    for (let i = 0; i < 50; i++) {
      const waiting = gate.acquire(1, ac.signal);
      gate.release(1);
      expect(await waiting).toBe(true);
    }
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
    const blocked = gate.acquire(1, ac.signal);
    ac.abort();
    expect(await blocked).toBe(false);
    expect(() => gate.release(5)).toThrow(/released more than acquired/);
  });
});
