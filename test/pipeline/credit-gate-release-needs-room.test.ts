import { describe, expect, it } from 'vitest';
import { CreditGate } from '../../src/pipeline/credit-gate.js';

/** Lets every settled promise run its callbacks. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('CreditGate release', () => {
  it('lets a waiting reader in only once its whole request fits: the bound holds at every step', async () => {
    const gate = new CreditGate(10);
    await gate.acquire(10);
    let granted = false;
    const waiting = gate.acquire(6).then((ok) => (granted = ok));

    gate.release(3); // 7 in use: 6 more would make 13
    await settle();
    expect(granted).toBe(false);
    expect(gate.inUse).toBe(7);

    gate.release(3); // 4 in use: 6 more make exactly 10
    await waiting;
    expect(granted).toBe(true);
    expect(gate.inUse).toBe(10);
    expect(gate.peak).toBe(10);
  });

  it('one release admits every waiter that fits, in order, and stops at the first that does not', async () => {
    const gate = new CreditGate(10);
    await gate.acquire(10);
    const order: string[] = [];
    void gate.acquire(2).then(() => order.push('a'));
    void gate.acquire(3).then(() => order.push('b'));
    void gate.acquire(5).then(() => order.push('c'));
    void gate.acquire(1).then(() => order.push('d')); // fits after a and b, but waits behind c

    gate.release(6);
    await settle();
    expect(order).toEqual(['a', 'b']);
    expect(gate.inUse).toBe(9);

    gate.release(5); // 4 in use: c takes 5, then d takes 1
    await settle();
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(gate.inUse).toBe(10);
    expect(gate.peak).toBe(10);
  });
});
