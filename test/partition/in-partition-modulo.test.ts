import { describe, expect, it } from 'vitest';
import { ALL, inPartition, modulo } from '../../src/partition/partition.js';
import { textKeyHash } from '../../src/partition/text-key-hash.js';

describe('inPartition, modulo', () => {
  it('each integer key, negative ones included, belongs to exactly one of the instances', () => {
    const keys = [-7, -3, -1, 0, 1, 2, 5, 9, 10, 2 ** 40 + 1];
    const owners = keys.map((k) => [0, 1, 2].filter((i) => inPartition(k, modulo(i, 3))));
    expect(owners).toEqual([[2], [0], [2], [0], [1], [2], [2], [0], [1], [(2 ** 40 + 1) % 3]]);
  });

  it('a text key belongs to exactly one instance, by textKeyHash (the same in SQL)', () => {
    for (const key of ['7', '', 'é', 'INV-2024-001']) {
      const owners = [0, 1, 2].filter((i) => inPartition(key, modulo(i, 3)));
      expect(owners).toEqual([textKeyHash(key) % 3]);
    }
  });

  it('the empty partition keeps every key', () => {
    expect([1, -4, 'x'].every((k) => inPartition(k, ALL))).toBe(true);
    expect(Object.isFrozen(ALL)).toBe(true);
  });
});
