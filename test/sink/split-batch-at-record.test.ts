import { describe, expect, it } from 'vitest';
import { splitBatch } from '../../src/sink/commit-with-retry.js';
import { entriesOf } from '../../src/sink/checkpoint-entries.js';
import type { CommitBatch } from '../../src/sink/sink.js';
import { createCommitBatch, slicesOf } from '../../src/sink/commit-batch.js';
import { mappedBatch } from '../helpers/mapped-batches.js';

const a = mappedBatch(1, 3);
const b = mappedBatch(4, 4);
const batch = (): CommitBatch => {
  const slices = [{ batch: a, from: 0, to: 3 }, { batch: b, from: 0, to: 4 }];
  return createCommitBatch(slices, entriesOf(slices));
};
const shape = (c: CommitBatch) => ({
  slices: slicesOf(c).map((s) => [s.batch.keys[0], s.from, s.to]),
  keys: c.entries.map((e) => e.key),
});

describe('splitBatch', () => {
  it('cuts a slice in two when the split point falls inside it', () => {
    const [left, right] = splitBatch(batch(), 5);
    expect(shape(left)).toEqual({ slices: [[1, 0, 3], [4, 0, 2]], keys: [1, 2, 3, 4, 5] });
    expect(shape(right)).toEqual({ slices: [[4, 2, 4]], keys: [6, 7] });
  });

  it('keeps whole slices whole when the split point falls between them', () => {
    const [left, right] = splitBatch(batch(), 3);
    expect(shape(left)).toEqual({ slices: [[1, 0, 3]], keys: [1, 2, 3] });
    expect(shape(right)).toEqual({ slices: [[4, 0, 4]], keys: [4, 5, 6, 7] });
  });

  it('splits a slice that starts inside its task at the right record', () => {
    const slices = [{ batch: b, from: 1, to: 4 }];
    const [left, right] = splitBatch(createCommitBatch(slices, entriesOf(slices)), 1);
    expect(shape(left)).toEqual({ slices: [[4, 1, 2]], keys: [5] });
    expect(shape(right)).toEqual({ slices: [[4, 2, 4]], keys: [6, 7] });
  });

  it('counts a slice that starts inside its task by its own records when placing the ones after it', () => {
    const slices = [{ batch: b, from: 1, to: 4 }, { batch: a, from: 0, to: 3 }];
    const [left, right] = splitBatch(createCommitBatch(slices, entriesOf(slices)), 3);
    expect(shape(left)).toEqual({ slices: [[4, 1, 4]], keys: [5, 6, 7] });
    expect(shape(right)).toEqual({ slices: [[1, 0, 3]], keys: [1, 2, 3] });
  });
});
