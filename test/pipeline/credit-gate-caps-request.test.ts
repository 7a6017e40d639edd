import { describe, expect, it } from 'vitest';
import { CreditGate } from '../../src/pipeline/credit-gate.js';

describe('CreditGate acquire', () => {
  it('grants a request larger than the capacity as the whole capacity, so a big page never deadlocks', async () => {
    const gate = new CreditGate(4);
    expect(await gate.acquire(100)).toBe(true);
    expect(gate.inUse).toBe(4);
    expect(gate.peak).toBe(4);
    gate.release(4);
    expect(gate.inUse).toBe(0);
  });

  it('grants at once while there is room, up to exactly the capacity', async () => {
    const gate = new CreditGate(5);
    expect(await gate.acquire(2)).toBe(true);
    expect(await gate.acquire(3)).toBe(true);
    expect(gate.inUse).toBe(5);
    let granted = false;
    void gate.acquire(1).then(() => (granted = true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(granted).toBe(false);
    expect(gate.inUse).toBe(5);
  });

  it('peak is the highest use ever seen, not the current one', async () => {
    const gate = new CreditGate(10);
    await gate.acquire(7);
    gate.release(5);
    await gate.acquire(1);
    expect(gate.inUse).toBe(3);
    expect(gate.peak).toBe(7);
  });

  it('refuses to release more than was acquired, naming the balance', async () => {
    const gate = new CreditGate(10);
    await gate.acquire(2);
    expect(() => gate.release(3)).toThrow('CreditGate: released more than acquired (-1)');
  });
});
