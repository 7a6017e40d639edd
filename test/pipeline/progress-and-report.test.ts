import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource, type Progress } from 'sluice';
import { PERSON_MAPPER, personXml, seedPeople } from '../helpers/people.js';

describe('progress$ and the run report', () => {
  it('progress rises to the total and completes; the report adds up and measures every stage', async () => {
    const file = seedPeople(1200, (id) => (id % 100 === 0 ? '<Person>' : personXml(id)));
    const load = pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 2, batchSize: 200, countTotal: true });
    const seen: Progress[] = [];
    let completed = false;
    load.progress$.subscribe({ next: (p) => seen.push(p), complete: () => (completed = true) });
    const report = await load.run();

    expect(completed).toBe(true);
    expect(seen.find((p) => p.total !== undefined)).toMatchObject({ succeeded: 0, total: 1200 });
    const done = seen.map((p) => p.succeeded + p.failed + p.skipped);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ succeeded: 1188, failed: 12, inFlight: 0, total: 1200 });

    const { counts } = report;
    expect(counts).toMatchObject({ read: 1200, succeeded: 1188, failed: 12, skipped: 0, commits: 6 });
    expect(counts.rows).toBe(1188 * 3); // one person and two phones each
    expect(report.successRate).toBeCloseTo(0.99, 5);
    expect(Math.abs(report.recordsPerMinute - report.recordsPerSecond * 60)).toBeLessThanOrEqual(3); // per-second is rounded to 0.1
    for (const stage of ['read', 'parse', 'map', 'queueWait', 'commit'] as const) {
      const l = report.latency[stage];
      expect(l.count, stage).toBeGreaterThan(0);
      expect(l.p50, stage).toBeLessThanOrEqual(l.p95);
      expect(l.p95, stage).toBeLessThanOrEqual(l.p99);
      expect(l.p99, stage).toBeLessThanOrEqual(l.max);
    }
    expect(report.latency.parse.count).toBe(1200);
    expect(report.latency.commit.count).toBe(6);
    expect(report.firstCommitMillis).not.toBeNull();
    expect(report.workers.count).toBe(2);
    expect(report.workers.utilisation).toBeGreaterThan(0);
    expect(report.workers.utilisation).toBeLessThanOrEqual(1);
    expect(report.queue.maxDepth).toBeLessThanOrEqual(report.queue.capacity);
    expect(report.queue.depthOverTime.length).toBeGreaterThan(0);
    expect(report.topErrors[0]).toMatchObject({ count: 12 });
    expect(report.topErrors[0]!.message).toMatch(/XmlSyntaxError/);
    expect(report.settings).toEqual({ workers: 2, taskSize: 100, batchSize: 200, queueSize: 2000, maxInFlightCommits: 2 });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('counts the records to process only when asked (countTotal), since a count delays the first commit', async () => {
    const file = seedPeople(50);
    const load = pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 1 });
    const seen: Progress[] = [];
    load.progress$.subscribe((p) => seen.push(p));
    await load.run();
    expect(seen.every((p) => p.total === undefined)).toBe(true);
    expect(seen.at(-1)!.succeeded).toBe(50);
  });
});
