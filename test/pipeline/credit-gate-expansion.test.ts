import { describe, expect, it } from 'vitest';
import { CreditGate } from '../../src/pipeline/credit-gate.js';

describe('CreditGate, rows larger than payloads', () => {
  it('admits a record at its payload times the rows-to-payload ratio seen so far, so rows that come back fit', async () => {
    const gate = new CreditGate(100, 1000);
    await gate.acquire(10);
    gate.tryAdmit(1, 100);
    gate.recharge([1], [300]); // rows three times the payload
    expect(gate.expansion).toBe(3);
    gate.settle([1]);
    expect(gate.tryAdmit(2, 100)).toBe(true);
    expect(gate.bytesInUse).toBe(300); // charged for its rows to come
    expect(gate.tryAdmit(3, 100)).toBe(true);
    expect(gate.tryAdmit(4, 100)).toBe(true);
    expect(gate.tryAdmit(5, 100)).toBe(false); // 900 + 300 would be over: the payloads alone (400) would not
    expect(gate.pageSize(50)).toBe(1); // pages sized at the charge too: 100 free, 300 a record, at least 1
    gate.recharge([2, 3, 4], [300, 300, 300]);
    expect(gate.bytesInUse).toBe(900); // the rows took the place held for them
    gate.recharge([], []);
    expect(gate.expansion).toBe(3);
    // Rows smaller than payloads: a record is still charged at least its payload.
    const small = new CreditGate(100, 1000);
    await small.acquire(2);
    small.tryAdmit(1, 100);
    small.recharge([1], [10]);
    expect(small.expansion).toBe(1);
    small.tryAdmit(2, 100);
    expect(small.bytesInUse).toBe(110);
  });
});
