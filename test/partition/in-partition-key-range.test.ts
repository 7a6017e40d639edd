import { describe, expect, it } from 'vitest';
import { inPartition, keyRange, modulo } from '../../src/partition/partition.js';

const kept = (keys: (number | string)[], p: Parameters<typeof inPartition>[1]) => keys.filter((k) => inPartition(k, p));

describe('inPartition, key range', () => {
  it('keeps keys from start to end, both included', () => {
    expect(kept([1, 2, 3, 4, 5, 6], keyRange(2, 5))).toEqual([2, 3, 4, 5]);
  });

  it('an open end keeps everything on that side', () => {
    expect(kept([1, 2, 3, 4], keyRange(3))).toEqual([3, 4]);
    expect(kept([1, 2, 3, 4], keyRange(undefined, 2))).toEqual([1, 2]);
    expect(kept([1, 2], { range: {} })).toEqual([1, 2]);
  });

  it('compares string keys by code unit', () => {
    expect(kept(['A-1', 'B-7', 'M-2', 'Z-0'], keyRange('B', 'N'))).toEqual(['B-7', 'M-2']);
  });

  it('combines with modulo: a key must pass both', () => {
    expect(kept([1, 2, 3, 4, 5, 6, 7, 8], { ...modulo(0, 2), ...keyRange(3, 7) })).toEqual([4, 6]);
  });
});
