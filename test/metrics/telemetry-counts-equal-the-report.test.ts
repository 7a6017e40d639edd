import { metrics, trace } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource } from 'sluice';
import { PERSON_MAPPER, personXml, seedPeople } from '../helpers/people.js';

const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
// The reader exports when asked (forceFlush), never on a timer during the test.
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
const spans = new InMemorySpanExporter();

beforeAll(() => {
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
});
afterAll(() => {
  metrics.disable();
  trace.disable();
});

/** The value of a counter (sum) or histogram (count) for some attributes, from the exported metrics. */
function point(name: string, attributes: Record<string, string> = {}): { value?: number; count?: number } | undefined {
  // The latest export first: values are cumulative.
  for (const rm of [...metricExporter.getMetrics()].reverse()) {
    for (const sm of rm.scopeMetrics) {
      for (const m of sm.metrics) {
        if (m.descriptor.name !== name) continue;
        const p = m.dataPoints.find((d) => Object.entries(attributes).every(([k, v]) => d.attributes[k] === v));
        if (p) return typeof p.value === 'number' ? { value: p.value } : { count: (p.value as { count: number }).count };
      }
    }
  }
  return undefined;
}

describe('OpenTelemetry, through the global API', () => {
  it('counts records by state, commits and rows as the report does, times each commit, and spans each commit', async () => {
    const file = seedPeople(900, (id) => (id % 100 === 0 ? '<Person>' : personXml(id)));
    const load = pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 2, batchSize: 200 });
    // The queue depth is observed while the run goes on: export once after the first commit.
    let midRun: Promise<void> | undefined;
    load.progress$.subscribe((p) => {
      if (p.succeeded > 0) midRun ??= reader.forceFlush();
    });
    const report = await load.run();
    await midRun;
    const depth = point('sluice.queue.depth');
    await reader.forceFlush();

    expect(report.counts).toMatchObject({ succeeded: 891, failed: 9 });
    expect(point('sluice.records', { status: 'succeeded' })?.value).toBe(report.counts.succeeded);
    expect(point('sluice.records', { status: 'failed' })?.value).toBe(report.counts.failed);
    expect(point('sluice.commits')?.value).toBe(report.counts.commits);
    expect(point('sluice.rows')?.value).toBe(report.counts.rows);
    expect(point('sluice.commit.duration')?.count).toBe(report.counts.commits);
    expect(depth?.value).toBeGreaterThanOrEqual(0);
    expect(depth?.value).toBeLessThanOrEqual(report.queue.capacity);

    const commitSpans = spans.getFinishedSpans().filter((s) => s.name === 'sluice.commit');
    expect(commitSpans).toHaveLength(report.counts.commits);
    expect(commitSpans.reduce((n, s) => n + Number(s.attributes['sluice.records']), 0)).toBe(900);
    expect(commitSpans.reduce((n, s) => n + Number(s.attributes['sluice.rows']), 0)).toBe(report.counts.rows);
  });

  it('records nothing with telemetry: false', async () => {
    await reader.forceFlush();
    spans.reset();
    const before = point('sluice.commits')?.value;
    expect(before).toBeGreaterThan(0);
    const file = seedPeople(50);
    await pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 1, telemetry: false }).run();
    await reader.forceFlush();
    expect(point('sluice.commits')?.value).toBe(before);
    expect(spans.getFinishedSpans().filter((s) => s.name === 'sluice.commit')).toHaveLength(0);
  });
});
