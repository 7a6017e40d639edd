import { describe, expect, it } from 'vitest';
import { SluiceConfigError } from '../../src/core/errors.js';
import { modulo, validateModulo } from '../../src/partition/partition.js';

const errorOf = (f: () => unknown): SluiceConfigError => {
  try {
    f();
  } catch (e) {
    if (e instanceof SluiceConfigError) return e;
    throw e;
  }
  throw new Error('no error thrown');
};

describe('modulo validation', () => {
  it.each([
    [0, 0, 'instanceCount', 'instanceCount must be an integer ≥ 1; got 0'],
    [0, 2.5, 'instanceCount', 'instanceCount must be an integer ≥ 1; got 2.5'],
    [3, 3, 'instanceId', 'instanceId must be ≥ 0 and < instanceCount; got 3 and 3 (use 0 to 2 for 3 instances)'],
    [-1, 3, 'instanceId', 'instanceId must be ≥ 0 and < instanceCount; got -1 and 3 (use 0 to 2 for 3 instances)'],
    [0.5, 3, 'instanceId', 'instanceId must be ≥ 0 and < instanceCount; got 0.5 and 3 (use 0 to 2 for 3 instances)'],
  ])('modulo(%d, %d) throws naming %s', (index, count, option, message) => {
    const e = errorOf(() => modulo(index, count));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.option).toBe(option);
    expect(e.message).toBe(message);
  });

  it('accepts every index from 0 to count - 1', () => {
    expect([0, 1, 2].map((i) => modulo(i, 3))).toEqual([0, 1, 2].map((index) => ({ modulo: { index, count: 3 } })));
    expect(() => validateModulo(0, 1)).not.toThrow();
  });
});
