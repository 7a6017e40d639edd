import { describe, expect, it } from 'vitest';
import { CreditGate } from '../../src/pipeline/credit-gate.js';

describe('CreditGate, recharge', () => {
  it('replaces a mapped record\'s payload charge by its rows, makes the reader wait when rows fill the budget, and settle returns the rows\' bytes', async () => {
    const gate = new CreditGate(100, 1000);
    await gate.acquire(1);
    expect(gate.tryAdmit(1, 100)).toBe(true);
    gate.recharge([1], [50]); // rows smaller than the payload: the payload's bytes come back
    expect(gate.bytesInUse).toBe(50);
    expect(gate.peakBytes).toBe(100);

    await gate.acquire(2);
    expect(gate.tryAdmit(2, 100)).toBe(true); // rows were half the payload: charged its payload
    expect(gate.tryAdmit(3, 100)).toBe(true);
    expect(gate.bytesInUse).toBe(250);
    gate.recharge([2, 3], [600, 500]); // rows larger than expected: over the budget
    expect(gate.bytesInUse).toBe(1150);
    expect(gate.peakBytes).toBe(1150);

    let granted = false;
    const next = gate.acquire(1).then(() => (granted = true));
    await Promise.resolve();
    expect(granted).toBe(false); // no page is read while rows hold the budget
    expect(gate.waitingForBytes).toBe(true); // so the batch commits at once
    gate.settle([2]);
    await next;
    expect(gate.bytesInUse).toBe(550); // 50 + 500: what settle returned is the rows' bytes
    gate.recharge([99], [1000]); // a key not in flight (settled already) changes nothing
    expect(gate.bytesInUse).toBe(550);
    gate.settle([1, 3]);
    expect(gate.bytesInUse).toBe(0);
  });
});
