import { describe, expect, it } from 'vitest';
import { ALL, describePartition, keyRange, modulo } from '../../src/partition/partition.js';

describe('describePartition', () => {
  it('says which keys an instance takes, in the run report and the summary', () => {
    expect(describePartition({ ...modulo(0, 3), ...keyRange(1, 60_000) }, 'app_id')).toBe('app_id % 3 == 0, app_id ≥ 1, app_id ≤ 60000');
    expect(describePartition(keyRange(undefined, 'M'))).toBe('key ≤ M');
    expect(describePartition(keyRange(5))).toBe('key ≥ 5');
  });

  it('one instance of one, or no partition, is all records', () => {
    expect(describePartition(modulo(0, 1))).toBe('all records');
    expect(describePartition(ALL, 'app_id')).toBe('all records');
  });
});
