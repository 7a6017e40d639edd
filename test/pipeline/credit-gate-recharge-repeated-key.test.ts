import { describe, expect, it } from 'vitest';
import { CreditGate } from '../../src/pipeline/credit-gate.js';

describe('CreditGate, recharge of a key read twice', () => {
  it('replaces the charge of the first admission not yet mapped, then the next, and settle returns both', async () => {
    const gate = new CreditGate(10, 1000);
    await gate.acquire(3);
    gate.tryAdmit('seen', 1);
    gate.recharge(['seen'], [1]); // rows known: the gate admits more than one record
    gate.tryAdmit('k', 100);
    gate.tryAdmit('k', 300); // a source without a unique key: the same key twice in flight
    expect(gate.bytesInUse).toBe(401);
    gate.recharge(['k'], [10]); // the first 'k' mapped
    expect(gate.bytesInUse).toBe(1 + 10 + 300);
    gate.recharge(['k'], [20]); // then the second
    expect(gate.bytesInUse).toBe(1 + 10 + 20);
    gate.settle(['k', 'k', 'seen']);
    expect(gate.bytesInUse).toBe(0);
  });
});
