import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import type { TableSchema } from '../../src/mapper/table.js';
import { batchCommits, type CommitJob } from '../../src/sink/batch-commits.js';
import type { MappedBatch } from '../../src/worker/mapped-batch.js';
import { mappedBatch } from '../helpers/mapped-batches.js';

const LIMITS = { records: 10, rows: 1e9, bytes: 1e9, waitMillis: 1e9 };

function jobsOf(tables?: readonly TableSchema[]): CommitJob[] {
  const jobs: CommitJob[] = [];
  const input = new Subject<MappedBatch>();
  input.pipe(tables ? batchCommits(LIMITS, tables) : batchCommits(LIMITS)).subscribe((j) => jobs.push(j));
  input.next(mappedBatch(1, 2, 2));
  input.complete();
  return jobs;
}

describe('batchCommits, the rows of a job as the sink contract shows them', () => {
  it('are the given tables, one named row per emitted row', () => {
    const person: TableSchema = { name: 'person', columns: [{ ...column.integer(), name: 'n' }], primaryKey: [], indexes: [] };
    const [job] = jobsOf([person]);
    expect(job!.batch.tables).toEqual([{ name: 'person', columns: ['n'], rows: [{ n: 0 }, { n: 0 }, { n: 0 }, { n: 0 }] }]);
  });

  it('are none when no tables are given', () => {
    const [job] = jobsOf();
    expect(job!.batch.tables).toEqual([]);
    expect(job!.batch.entries.map((e) => e.key)).toEqual([1, 2]);
  });
});
