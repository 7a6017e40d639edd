import { describe, expect, it } from 'vitest';
import { CommitBatcher } from '../../bench/lib/commit-batcher.js';
import { slicesOf } from '../../src/sink/commit-batch.js';
import type { MappedBatch } from '../../bench/lib/sluice.js';

/** A task of `n` records with keys from `first`, one row each in one 2-column table. */
function task(first: number, n: number, status: number[] = []): MappedBatch {
  const keys = Array.from({ length: n }, (_, i) => first + i);
  return {
    keys,
    status: Uint8Array.from(keys.map((_, i) => status[i] ?? 0)),
    messages: keys.map((_, i) => (status[i] ? 'bad' : null)),
    rows: [{ values: keys.flatMap((k) => [k, `v${k}`]), ends: Int32Array.from(keys.map((_, i) => i + 1)) }],
    bytes: n * 16,
    stats: { threadId: 1, parseMicros: 0, mapMicros: 0, startedAt: 0, finishedAt: 1 },
  };
}

describe('CommitBatcher', () => {
  it('cuts tasks into batches of exactly `records`, splitting a task across two', () => {
    const b = new CommitBatcher({ records: 150, rows: 1e9, bytes: 1e12 });
    expect(b.add(task(1, 100))).toHaveLength(0);
    const closed = b.add(task(101, 100));
    expect(closed).toHaveLength(1);
    expect(closed[0]!.entries.map((e) => e.key)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(slicesOf(closed[0]!).map((s) => [s.from, s.to])).toEqual([
      [0, 100],
      [0, 50],
    ]);
    const rest = b.flush()!;
    expect(rest.entries).toHaveLength(50);
    expect(slicesOf(rest)[0]).toMatchObject({ from: 50, to: 100 });
    expect(b.flush()).toBeUndefined();
  });

  it('closes a batch early when the row limit is reached', () => {
    const b = new CommitBatcher({ records: 1000, rows: 30, bytes: 1e12 });
    expect(b.add(task(1, 10))).toHaveLength(0);
    expect(b.pending).toBe(10);
    expect(b.add(task(11, 25)).map((x) => x.entries.length)).toEqual([35]);
    expect(b.pending).toBe(0);
  });

  it('writes the terminal state of each record into its entry', () => {
    const b = new CommitBatcher({ records: 3, rows: 1e9, bytes: 1e12 });
    const [batch] = b.add(task(7, 3, [0, 1, 2]));
    expect(batch!.entries.map((e) => [e.key, e.status, e.error])).toEqual([
      [7, 'succeeded', null],
      [8, 'failed', 'bad'],
      [9, 'skipped', 'bad'],
    ]);
  });
});
