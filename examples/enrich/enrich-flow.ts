// A composed flow with an enrichment stage: applications are parsed and mapped in the worker
// threads, then each one's risk score is fetched from an HTTP service (started here, on
// 127.0.0.1, so the example needs nothing else), at most 4 calls at once and 200 a second, and
// the rows are committed with their checkpoint. The service answers some calls with 429 and a
// Retry-After, and refuses one application for good: the stage retries the first and fails only
// the second. Run from the repository root after `npm run build`:
//
//   node --import jiti/register examples/enrich/enrich-flow.ts [out.db]
//
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  batchRecords,
  column,
  commitBatches,
  enrich,
  fromArray,
  openFlow,
  parseAndMap,
  readSource,
  runFlow,
  SluiceHttpError,
  sqliteSink,
  type MappingSpec,
} from 'sluice';

const db = process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'sluice-enrich-')), 'apps.db');

// The risk service: a score per application; the first call of every fifth application gets a
// 429 with Retry-After: 1, and application 13 is unknown (404, not worth a retry).
const seen = new Set<string>();
const service = createServer((req, res) => {
  const id = Number(/^\/score\/(\d+)$/.exec(req.url ?? '')?.[1]);
  if (id === 13) return void res.writeHead(404).end();
  if (id % 5 === 0 && !seen.has(req.url!)) {
    seen.add(req.url!);
    return void res.writeHead(429, { 'retry-after': '1' }).end();
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ score: (id * 37) % 100 }));
});
await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
const scores = `http://127.0.0.1:${(service.address() as AddressInfo).port}/score`;

const mapping: MappingSpec = {
  tables: {
    applications: {
      from: '.',
      columns: {
        app_id: { ...column.integer(), value: '$key' },
        applicant: { ...column.text({ maxLength: 100 }), path: 'Applicant/Name' },
        amount: { ...column.decimal({ precision: 12, scale: 2 }), path: 'Amount' },
        risk_score: { ...column.integer({ nullable: true }), path: '@risk' }, // filled by the enrichment stage
      },
      primaryKey: ['app_id'],
    },
  },
};
const documents = Array.from({ length: 40 }, (_, i) => ({
  key: i + 1,
  payload: `<Application><Applicant><Name>Applicant ${i + 1}</Name></Applicant><Amount>${(i + 1) * 1000}.00</Amount></Application>`,
}));

const flow = await openFlow({ mapper: mapping, sink: sqliteSink({ file: db }), workers: 2 });
flow.events$.subscribe((e) => e.type === 'failed' && console.log(`failed: ${e.error}`));
const report = await runFlow(
  flow,
  readSource(flow, fromArray(documents)).pipe(
    parseAndMap(flow),
    enrich(
      flow,
      async (record, { signal }) => {
        const res = await fetch(`${scores}/${record.key}`, { signal });
        if (!res.ok) throw SluiceHttpError.from(res);
        const { score } = (await res.json()) as { score: number };
        record.rows.applications![0]!.risk_score = score;
      },
      { name: 'risk-score', concurrency: 4, ratePerSecond: 200, timeoutMillis: 5000, retry: { maxAttempts: 4, baseDelayMillis: 100 } },
    ),
    batchRecords(flow),
    commitBatches(flow),
  ),
);
service.close();

const { succeeded, failed, skipped } = report.counts;
console.log(`${report.status.state}: ${succeeded} applications scored and loaded into ${db}, ${failed} failed, ${skipped} skipped`);
process.exitCode = report.status.state === 'completed' && succeeded === 39 && failed === 1 ? 0 : 1;
