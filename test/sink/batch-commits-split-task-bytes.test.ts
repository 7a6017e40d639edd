import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { batchCommits, type CommitJob } from '../../src/sink/batch-commits.js';
import type { MappedBatch } from '../../src/worker/mapped-batch.js';
import { jobKeys, mappedBatch } from '../helpers/mapped-batches.js';

describe('batchCommits byte accounting', () => {
  it('a task split between two batches counts in each only the bytes of the records it puts there', () => {
    const jobs: CommitJob[] = [];
    const input = new Subject<MappedBatch>();
    input.pipe(batchCommits({ records: 4, rows: 1e9, bytes: 100, waitMillis: 1e9 })).subscribe((j) => jobs.push(j));

    input.next(mappedBatch(1, 6, 1, 120)); // 20 bytes a record: 1..4 close at the record limit (80 bytes)
    expect(jobs.map(jobKeys)).toEqual([[1, 2, 3, 4]]);
    // 5 and 6 carry 40 bytes into the next batch, not the task's 120: there is room for 50 more.
    input.next(mappedBatch(7, 1, 1, 50));
    expect(jobs).toHaveLength(1);
    input.next(mappedBatch(8, 1, 1, 10)); // 100 bytes: the byte limit closes the batch
    expect(jobs.map(jobKeys)).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]]);
  });

  it('closes a batch when its bytes reach the limit exactly, and starts the next one from zero', () => {
    const jobs: CommitJob[] = [];
    const input = new Subject<MappedBatch>();
    input.pipe(batchCommits({ records: 1000, rows: 1e9, bytes: 100, waitMillis: 1e9 })).subscribe((j) => jobs.push(j));
    input.next(mappedBatch(1, 2, 1, 60));
    input.next(mappedBatch(3, 1, 1, 40));
    expect(jobs.map(jobKeys)).toEqual([[1, 2, 3]]);
    input.next(mappedBatch(4, 1, 1, 99));
    expect(jobs).toHaveLength(1);
    input.complete();
    expect(jobs.map(jobKeys)).toEqual([[1, 2, 3], [4]]);
  });
});
