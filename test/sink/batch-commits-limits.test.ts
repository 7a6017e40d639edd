import { Subject, map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { batchCommits, type CommitJob } from '../../src/sink/batch-commits.js';
import { slicesOf } from '../../src/sink/commit-batch.js';
import type { MappedBatch } from '../../src/worker/mapped-batch.js';

/** A task result of n records with `rowsPer` rows each in one table. */
function mapped(first: number, n: number, rowsPer = 1, bytes = 0): MappedBatch {
  const ends = new Int32Array(n).map((_, i) => (i + 1) * rowsPer);
  return {
    keys: Array.from({ length: n }, (_, i) => first + i),
    status: new Uint8Array(n),
    messages: new Array<null>(n).fill(null),
    rows: [{ values: new Array(n * rowsPer).fill(0), ends }],
    bytes,
    stats: { threadId: 1, parseMicros: 0, mapMicros: 0, startedAt: 0, finishedAt: 0 },
  };
}
const keysOf = (job: CommitJob) => job.batch.entries.map((e) => e.key);

describe('batchCommits', () => {
  it('closes batches at the record limit, splitting a task across two batches', () => {
    const jobs: CommitJob[] = [];
    const input = new Subject<MappedBatch>();
    input.pipe(batchCommits({ records: 4, rows: 1e9, bytes: 1e9, waitMillis: 1e9 })).subscribe((j) => jobs.push(j));
    input.next(mapped(1, 3));
    input.next(mapped(4, 3));
    expect(jobs.map(keysOf)).toEqual([[1, 2, 3, 4]]);
    input.complete();
    expect(jobs.map(keysOf)).toEqual([[1, 2, 3, 4], [5, 6]]);
    expect(slicesOf(jobs[0]!.batch).map((s) => [s.from, s.to])).toEqual([[0, 3], [0, 1]]);
  });

  it('closes a batch at the row and byte limits', () => {
    const jobs: CommitJob[] = [];
    const input = new Subject<MappedBatch>();
    input.pipe(batchCommits({ records: 1000, rows: 10, bytes: 1e9, waitMillis: 1e9 })).subscribe((j) => jobs.push(j));
    input.next(mapped(1, 2, 6)); // 12 rows: over the limit after the second record
    expect(jobs.map((j) => j.rows)).toEqual([12]);
    const byBytes: CommitJob[] = [];
    const input2 = new Subject<MappedBatch>();
    input2.pipe(batchCommits({ records: 1000, rows: 1e9, bytes: 100, waitMillis: 1e9 })).subscribe((j) => byBytes.push(j));
    input2.next(mapped(1, 1, 1, 60));
    expect(byBytes).toHaveLength(0);
    input2.next(mapped(2, 1, 1, 60));
    expect(byBytes.map(keysOf)).toEqual([[1, 2]]);
  });

  it('commits a partial batch waitMillis after its first record (virtual time)', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable }) => {
      const source = cold<MappedBatch>('a 9ms b 999ms -|', { a: mapped(1, 2), b: mapped(3, 1) });
      const keys = source.pipe(batchCommits({ records: 100, rows: 1e9, bytes: 1e9, waitMillis: 500 }), map(keysOf));
      // The batch opened at 0 ms closes at 500 ms with both tasks, long before the input ends.
      expectObservable(keys).toBe('500ms x 510ms |', { x: [1, 2, 3] });
    });
  });
});
