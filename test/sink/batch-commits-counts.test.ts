import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { batchCommits, type CommitJob } from '../../src/sink/batch-commits.js';
import type { MappedBatch } from '../../src/worker/mapped-batch.js';
import { jobKeys, mappedBatch } from '../helpers/mapped-batches.js';

describe('batchCommits job counts', () => {
  it('each job says how many records and rows it holds, and closes at the row limit exactly', () => {
    const jobs: CommitJob[] = [];
    const input = new Subject<MappedBatch>();
    input.pipe(batchCommits({ records: 1000, rows: 6, bytes: 1e9, waitMillis: 1e9 })).subscribe((j) => jobs.push(j));
    input.next(mappedBatch(1, 2, 2)); // 4 rows
    expect(jobs).toHaveLength(0);
    input.next(mappedBatch(3, 1, 2)); // 6 rows: closes
    input.next(mappedBatch(4, 1, 3));
    input.complete();
    expect(jobs.map(jobKeys)).toEqual([[1, 2, 3], [4]]);
    expect(jobs.map((j) => [j.records, j.rows])).toEqual([[3, 6], [1, 3]]);
    expect(jobs[0]!.batch.entries.every((e) => e.status === 'succeeded')).toBe(true);
  });

  it('emits no empty job: an input that ends with no records completes with none', () => {
    const jobs: CommitJob[] = [];
    let completed = false;
    const input = new Subject<MappedBatch>();
    input.pipe(batchCommits({ records: 2, rows: 1e9, bytes: 1e9, waitMillis: 1e9 })).subscribe({ next: (j) => jobs.push(j), complete: () => (completed = true) });
    input.next(mappedBatch(1, 2)); // closes at the record limit, leaving nothing open
    input.next(mappedBatch(3, 0));
    input.complete();
    expect(jobs.map(jobKeys)).toEqual([[1, 2]]);
    expect(completed).toBe(true);
  });

  it('passes an upstream error on without committing the open batch', () => {
    const jobs: CommitJob[] = [];
    let error: unknown;
    const input = new Subject<MappedBatch>();
    input.pipe(batchCommits({ records: 10, rows: 1e9, bytes: 1e9, waitMillis: 1e9 })).subscribe({ next: (j) => jobs.push(j), error: (e: unknown) => (error = e) });
    input.next(mappedBatch(1, 2));
    const boom = new Error('worker pool died');
    input.error(boom);
    expect(error).toBe(boom);
    expect(jobs).toHaveLength(0);
  });
});
