import { describe, expect, it, vi } from 'vitest';
import { NO_TELEMETRY, openTelemetry } from '../../src/metrics/telemetry.js';

// As in an app that did not install the optional peer dependency.
vi.mock('@opentelemetry/api', () => {
  throw new Error("Cannot find package '@opentelemetry/api'");
});

describe('telemetry when @opentelemetry/api is not installed', () => {
  it('is the no-op: a commit just runs, nothing else happens', async () => {
    const telemetry = (await openTelemetry(true, '0.0.0'))(() => 0);
    expect(telemetry).toBe(NO_TELEMETRY);
    await expect(telemetry.commit(1, 1, async () => 'written')).resolves.toBe('written');
  });

  it('uses a meter and tracer passed in, without the API', async () => {
    const added: number[] = [];
    const meter = {
      createCounter: () => ({ add: (n: number) => void added.push(n) }),
      createHistogram: () => ({ record: () => {} }),
      createObservableGauge: () => ({ addCallback: () => {}, removeCallback: () => {} }),
    };
    const telemetry = (await openTelemetry({ meter }, '0.0.0'))(() => 0);
    telemetry.settled([{ key: 1, status: 'succeeded', error: null, attempts: 1, startedAt: 0, finishedAt: 1 }], 3, 5);
    expect(added).toEqual([1, 1, 3]); // records, commits, rows
  });
});
