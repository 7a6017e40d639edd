// One claim-queue worker process for bench/postgres/processes.ts: the built package, as users run it.
import { pipeline, postgresQueueSource, postgresSink } from '../../dist/index.js';

const o = JSON.parse(process.argv[2]);
const report = await pipeline({
  source: postgresQueueSource({ url: o.url, schema: o.schema, queue: 'bench', leaseMillis: 30_000 }),
  sink: postgresSink({ url: o.url, schema: o.schema, queue: { name: 'bench' } }),
  mapper: o.mapper,
  workers: o.workers,
  batchSize: 500,
}).run();
process.stdout.write(`${JSON.stringify(report.counts)}\n`);
