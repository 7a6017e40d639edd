// The crash harness's loader with an enrichment stage in the chain (`--enrich`): the demo's load
// (app_xml → the credit-application tables, in the same SQLite file) composed from Sluice's
// stages, with an asynchronous main-thread stage between mapping and committing. The stage is
// deterministic, so an interrupted load must end with the same tables as an uninterrupted one:
// it upper-cases app_base.channel after an awaited call, fails every 11th record's first call
// with a 503 (retried), and skips every 97th record with a reason.
//
//   node enrich-loader.mjs --db FILE [--workers N] [--batch-size N] [--task-size N] [--commits-in-flight N]
//
// Copied beside the harness's dist/ snapshot, so `sluice` resolves to that snapshot.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { batchRecords, commitBatches, enrich, openFlow, parseAndMap, readSource, runFlow, SluiceHttpError, sqliteSink, sqliteSource } from 'sluice';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    workers: { type: 'string', default: '2' },
    'batch-size': { type: 'string', default: '1000' },
    'task-size': { type: 'string', default: '100' },
    'commits-in-flight': { type: 'string', default: '2' },
  },
  strict: false,
});
const file = String(values.db);
const flow = await openFlow({
  mapper: fileURLToPath(new URL('./dist/credit-app-mapper.js', import.meta.url)),
  sink: sqliteSink({ file }),
  workers: Number(values.workers),
  batchSize: Number(values['batch-size']),
  taskSize: Number(values['task-size']),
  maxInFlightCommits: Number(values['commits-in-flight']),
});
console.log(`enrich loader: ${file} open`);
const failedOnce = new Set();
const report = await runFlow(
  flow,
  readSource(flow, sqliteSource({ file })).pipe(
    parseAndMap(flow),
    enrich(
      flow,
      async (record, call) => {
        const key = Number(record.key);
        await new Promise((resolve) => setImmediate(resolve));
        if (key % 97 === 0) call.skip(`no score for application ${key}`);
        if (key % 11 === 0 && !failedOnce.has(key)) {
          failedOnce.add(key);
          throw new SluiceHttpError('HTTP 503 (simulated)', 503, undefined);
        }
        for (const row of record.rows.app_base ?? []) row.channel = String(row.channel).toUpperCase();
      },
      { name: 'upper-channel', concurrency: 8, retry: { baseDelayMillis: 1, maxDelayMillis: 5 } },
    ),
    batchRecords(flow),
    commitBatches(flow),
  ),
);
const { succeeded, failed, skipped } = report.counts;
console.log(`SLUICE RUN COMPLETE ${report.status.state}: ${succeeded} succeeded, ${failed} failed, ${skipped} skipped`);
