// OpenTelemetry with no collector: registers an SDK whose exporters print to the console, loads
// 2,000 generated documents, then prints Sluice's metrics and a few of its commit spans. In an app
// the same counters and spans go wherever its SDK sends them (OTLP, Prometheus, ...). Run from the
// repository root after `npm run build`:
//
//   node --import jiti/register examples/telemetry/print-telemetry.ts [out.db]
//
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metrics, trace } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { column, fromArray, pipeline, sqliteSink, type MappingSpec } from 'sluice';

// 1. The app's SDK (here: kept in memory, printed below). Registered before the run starts.
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
const spans = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));

// 2. A load, as usual: telemetry is on by default when @opentelemetry/api is installed.
const mapping: MappingSpec = {
  tables: {
    reading: {
      from: '.',
      columns: { id: { ...column.integer(), value: '$key' }, celsius: { ...column.decimal({ precision: 5, scale: 1 }), path: '@c' } },
      primaryKey: ['id'],
    },
  },
};
const records = Array.from({ length: 2000 }, (_, i) => ({ key: i + 1, payload: i === 41 ? '<r c="warm"/>' : `<r c="${(i % 300) / 10}"/>` }));
const db = process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'sluice-telemetry-')), 'readings.db');
const report = await pipeline({ source: fromArray(records), sink: sqliteSink({ file: db }), mapper: mapping, batchSize: 250 }).run();

// 3. What the SDK received.
await reader.forceFlush();
const last = metricExporter.getMetrics().at(-1)!;
for (const m of last.scopeMetrics.flatMap((s) => s.metrics)) {
  for (const p of m.dataPoints) {
    const attrs = Object.entries(p.attributes).map(([k, v]) => `${k}=${String(v)}`).join(',');
    const value = typeof p.value === 'number' ? p.value : `count ${(p.value as { count: number }).count}, sum ${Math.round((p.value as { sum: number }).sum)} ms`;
    console.log(`${m.descriptor.name}${attrs ? `{${attrs}}` : ''} ${value}`);
  }
}
const commits = spans.getFinishedSpans().filter((s) => s.name === 'sluice.commit');
console.log(`${commits.length} sluice.commit spans, e.g. records=${String(commits[0]?.attributes['sluice.records'])} rows=${String(commits[0]?.attributes['sluice.rows'])}`);
console.log(`report: ${report.counts.succeeded} succeeded, ${report.counts.failed} failed, ${report.counts.commits} commits`);
