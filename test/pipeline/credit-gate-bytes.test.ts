import { describe, expect, it } from 'vitest';
import { CreditGate } from '../../src/pipeline/credit-gate.js';
import { primedGate } from '../helpers/primed-gate.js';

describe('CreditGate, byte budget', () => {
  it('admits records while their bytes fit, makes the next wait, and lets it in when commits free enough', async () => {
    const gate = primedGate(100, 1000);
    await gate.acquire(3);
    expect(gate.tryAdmit(1, 400)).toBe(true);
    expect(gate.tryAdmit(2, 500)).toBe(true);
    let third = false;
    const waiting = gate.admit(3, 300).then((ok) => (third = ok));
    expect(gate.waitingForBytes).toBe(true);
    gate.settle([1]); // 500 + 300 fit now
    await waiting;
    expect(third).toBe(true);
    expect(gate.bytesInUse).toBe(800);
    expect(gate.peakBytes).toBe(900);
    gate.settle([2, 3]);
    expect([gate.inUse, gate.bytesInUse, gate.waitingForBytes]).toEqual([0, 0, false]);
  });

  it('lets a record larger than the whole budget in alone, once nothing else is in flight', async () => {
    const gate = primedGate(100, 1000);
    await gate.acquire(2);
    expect(gate.tryAdmit('small', 10)).toBe(true);
    const big = gate.admit('big', 5000);
    expect(gate.tryAdmit('later', 1)).toBe(false); // first come, first served: nothing overtakes the big one
    gate.settle(['small']);
    expect(await big).toBe(true);
    expect(gate.peakBytes).toBe(5000);
    gate.settle(['big']);
    expect(gate.bytesInUse).toBe(0);
  });

  it('reads no page while the budget is spent, and sizes pages by the average document', async () => {
    expect(new CreditGate(100, 1000).pageSize(50)).toBe(1); // documents of unknown size: one first
    const gate = primedGate(100, 1000, 100);
    await gate.acquire(10);
    for (let k = 0; k < 10; k++) gate.tryAdmit(k, 100);
    expect(gate.pageSize(50)).toBe(1);
    let granted = false;
    const next = gate.acquire(1).then(() => (granted = true));
    await Promise.resolve();
    expect(granted).toBe(false);
    gate.settle([0, 1, 2, 3, 4]);
    await next;
    expect(gate.pageSize(50)).toBe(5); // 500 bytes free, 100 a document
    expect(new CreditGate(100).pageSize(50)).toBe(50); // no byte budget: the page size asked
  });

  it('counts a key read twice (no unique constraint) once per admission', () => {
    const gate = primedGate(10, 1000);
    gate.tryAdmit('k', 100);
    gate.tryAdmit('k', 300);
    void gate.acquire(2);
    gate.settle(['k']);
    gate.settle(['k']);
    expect(gate.bytesInUse).toBe(0);
  });
});
