import type { CheckpointEntry } from '../sink/sink.js';

/** The parts of an OpenTelemetry `Meter` Sluice uses (`@opentelemetry/api`'s `Meter` is one). */
export interface TelemetryMeter {
  createCounter(name: string, options?: { description?: string; unit?: string }): { add(value: number, attributes?: Record<string, string>): void };
  createHistogram(name: string, options?: { description?: string; unit?: string }): { record(value: number, attributes?: Record<string, string>): void };
  createObservableGauge(
    name: string,
    options?: { description?: string; unit?: string },
  ): { addCallback(callback: (result: { observe(value: number): void }) => void): void; removeCallback(callback: (result: { observe(value: number): void }) => void): void };
}

/** The parts of an OpenTelemetry span Sluice uses. */
export interface TelemetrySpan {
  setAttribute(key: string, value: number | string): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: Error): unknown;
  end(): void;
}

/** The parts of an OpenTelemetry `Tracer` Sluice uses (`@opentelemetry/api`'s `Tracer` is one). */
export interface TelemetryTracer {
  startActiveSpan<T>(name: string, fn: (span: TelemetrySpan) => T): T;
}

/**
 * Where a run's telemetry goes. `true` (the default): the global OpenTelemetry API, when
 * `@opentelemetry/api` is installed (an optional peer dependency; without an SDK registered its
 * meters and tracers do nothing); `false`: none; or a meter and tracer of your own.
 */
export type TelemetryOption = boolean | { readonly meter?: TelemetryMeter; readonly tracer?: TelemetryTracer };

/** What the flow reports to telemetry. */
export interface Telemetry {
  /** Runs one commit inside a `sluice.commit` span (driver spans nest under it). */
  commit<T>(records: number, rows: number, write: () => Promise<T>): Promise<T>;
  /** Records that reached their final state in one commit. */
  settled(entries: readonly CheckpointEntry[], rows: number, commitMillis: number): void;
  /** Stops observing the queue depth. */
  close(): void;
}

/** Telemetry that records nothing. */
export const NO_TELEMETRY: Telemetry = Object.freeze({
  commit: <T>(_records: number, _rows: number, write: () => Promise<T>) => write(),
  settled: () => {},
  close: () => {},
});

const SPAN_ERROR = 2; // SpanStatusCode.ERROR

/**
 * The telemetry of one run: counters `sluice.records` (by `status`), `sluice.commits`,
 * `sluice.rows`; histogram `sluice.commit.duration` (ms); gauge `sluice.queue.depth` (records
 * read and not yet committed); a `sluice.commit` span around each commit. Per commit, never per
 * record, so it costs nothing measurable. Resolves with a function that starts it for one flow,
 * given how to read the flow's queue depth.
 */
export async function openTelemetry(option: TelemetryOption | undefined, version: string): Promise<(queueDepth: () => number) => Telemetry> {
  if (option === false) return () => NO_TELEMETRY;
  let meter = typeof option === 'object' ? option.meter : undefined;
  let tracer = typeof option === 'object' ? option.tracer : undefined;
  if (typeof option !== 'object') {
    const api = await importApi();
    if (api === undefined) return () => NO_TELEMETRY;
    meter = api.metrics.getMeter('sluice', version);
    tracer = api.trace.getTracer('sluice', version);
  }
  return (queueDepth) => instrument(meter, tracer, queueDepth);
}

interface OtelApi {
  metrics: { getMeter(name: string, version?: string): TelemetryMeter };
  trace: { getTracer(name: string, version?: string): TelemetryTracer };
}

/** `@opentelemetry/api` if the app installed it; undefined otherwise. */
async function importApi(): Promise<OtelApi | undefined> {
  try {
    // A variable specifier: bundlers must not try to include an optional peer.
    const specifier = '@opentelemetry/api';
    return (await import(specifier)) as OtelApi;
  } catch {
    return undefined;
  }
}

function instrument(meter: TelemetryMeter | undefined, tracer: TelemetryTracer | undefined, queueDepth: () => number): Telemetry {
  const records = meter?.createCounter('sluice.records', { description: 'Records that reached their final state (committed with their log entry)', unit: '{record}' });
  const commits = meter?.createCounter('sluice.commits', { description: 'Transactions committed', unit: '{commit}' });
  const rows = meter?.createCounter('sluice.rows', { description: 'Rows written, all tables', unit: '{row}' });
  const duration = meter?.createHistogram('sluice.commit.duration', { description: 'Commit latency, retries included', unit: 'ms' });
  const depth = meter?.createObservableGauge('sluice.queue.depth', { description: 'Records read and not yet committed', unit: '{record}' });
  const observeDepth = (result: { observe(value: number): void }) => result.observe(queueDepth());
  depth?.addCallback(observeDepth);
  return {
    commit(n, r, write) {
      if (tracer === undefined) return write();
      return tracer.startActiveSpan('sluice.commit', async (span) => {
        span.setAttribute('sluice.records', n);
        span.setAttribute('sluice.rows', r);
        try {
          return await write();
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SPAN_ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      });
    },
    settled(entries, rowCount, commitMillis) {
      if (meter === undefined) return;
      let succeeded = 0;
      let failed = 0;
      for (const e of entries) {
        if (e.status === 'succeeded') succeeded++;
        else if (e.status === 'failed') failed++;
      }
      const skipped = entries.length - succeeded - failed;
      if (succeeded) records!.add(succeeded, { status: 'succeeded' });
      if (failed) records!.add(failed, { status: 'failed' });
      if (skipped) records!.add(skipped, { status: 'skipped' });
      commits!.add(1);
      rows!.add(rowCount);
      duration!.record(commitMillis);
    },
    close() {
      depth?.removeCallback(observeDepth);
    },
  };
}
