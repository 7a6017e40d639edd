import { describe, expect, it } from 'vitest';
import { ALL, inPartition, modulo } from '../../src/partition/partition.js';

describe('inPartition, modulo', () => {
  it('each integer key, negative ones included, belongs to exactly one of the instances', () => {
    const keys = [-7, -3, -1, 0, 1, 2, 5, 9, 10, 2 ** 40 + 1];
    const owners = keys.map((k) => [0, 1, 2].filter((i) => inPartition(k, modulo(i, 3))));
    expect(owners).toEqual([[2], [0], [2], [0], [1], [2], [2], [0], [1], [(2 ** 40 + 1) % 3]]);
  });

  it('a string key belongs to no modulo partition (they need integer keys)', () => {
    expect([0, 1].map((i) => inPartition('7', modulo(i, 2)))).toEqual([false, false]);
  });

  it('the empty partition keeps every key', () => {
    expect([1, -4, 'x'].every((k) => inPartition(k, ALL))).toBe(true);
    expect(Object.isFrozen(ALL)).toBe(true);
  });
});
