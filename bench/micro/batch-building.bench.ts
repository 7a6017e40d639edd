// Micro-benchmark: cutting mapped tasks into commit batches. The core's batchCommits operator
// (src/sink/batch-commits.ts) over ten tasks of 100 medium documents, closing one batch of 1000
// records with its checkpoint entries, and the harness's copy (bench/lib/commit-batcher.ts).
//   node --import jiti/register bench/micro/batch-building.bench.ts   (after npm run build)
import { from, lastValueFrom, toArray } from 'rxjs';
import { batchCommits } from '../../src/sink/batch-commits.js';
import type { MappedBatch as CoreMappedBatch } from '../../src/worker/mapped-batch.js';
import { CommitBatcher, limitsFor } from '../lib/commit-batcher.js';
import { mappedBatches } from './fixtures.js';
import { runMicro } from './suite.js';

const { batches } = await mappedBatches(10);
const limits = { records: 1000, rows: 50_000, bytes: 16 << 20, waitMillis: 1000 };
let jobs = 0;

await runMicro('batch building: 10 tasks of 100 medium docs into one commit of 1000 records', [
  {
    name: 'batchCommits (core operator, with entries)',
    unit: 'record',
    units: 1000,
    defer: true,
    fn: (d: { resolve(): void }) =>
      void lastValueFrom(from(batches as unknown as CoreMappedBatch[]).pipe(batchCommits(limits), toArray())).then((j) => {
        jobs += j.length;
        d.resolve();
      }),
  },
  {
    name: 'CommitBatcher (harness copy, with entries)',
    unit: 'record',
    units: 1000,
    fn: () => {
      const b = new CommitBatcher(limitsFor(1000));
      for (const m of batches) jobs += b.add(m).length;
    },
  },
]);
if (jobs < 0) console.log(jobs);
