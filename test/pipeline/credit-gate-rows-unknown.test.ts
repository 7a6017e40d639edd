import { describe, expect, it } from 'vitest';
import { CreditGate } from '../../src/pipeline/credit-gate.js';

describe('CreditGate, before any record is mapped', () => {
  it('admits one record at a time, since what rows cost is unknown, then fills the budget once a record\'s rows are known', async () => {
    const gate = new CreditGate(100, 1000);
    await gate.acquire(3);
    expect(gate.tryAdmit(1, 10)).toBe(true);
    expect(gate.tryAdmit(2, 10)).toBe(false);
    let second = false;
    const waiting = gate.admit(2, 10).then((ok) => (second = ok));
    expect(gate.waitingForBytes).toBe(true); // so record 1's batch commits at once: nothing hangs
    gate.recharge([1], [10]);
    await waiting;
    expect(second).toBe(true);
    expect(gate.tryAdmit(3, 10)).toBe(true);
    expect(gate.bytesInUse).toBe(30);
    // Without a byte budget there is nothing to wait for.
    const unbounded = new CreditGate(100);
    expect([unbounded.tryAdmit(1, 10), unbounded.tryAdmit(2, 10)]).toEqual([true, true]);
  });
});
