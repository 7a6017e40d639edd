import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource } from 'sluice';
import { PERSON_MAPPER, query, seedPeople } from '../helpers/people.js';

describe('stopping a run with an AbortSignal', () => {
  it('stops reading, commits every record read, resolves with an aborted report; the next run finishes', async () => {
    const file = seedPeople(5000);
    const ac = new AbortController();
    const load = pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 2, batchSize: 100, queueSize: 1000, signal: ac.signal });
    let commits = 0;
    load.progress$.subscribe((p) => {
      if (p.succeeded > 0 && ++commits === 3) ac.abort('enough');
    });
    const report = await load.run();

    expect(report.status).toEqual({ state: 'aborted', reason: 'enough' });
    expect(report.counts.read).toBeLessThan(5000);
    // Guarantee 1: every record read reached a terminal state, and is in the log.
    expect(report.counts.succeeded + report.counts.failed + report.counts.skipped).toBe(report.counts.read);
    expect(query(file, 'SELECT count(*) n FROM processing_log')[0]).toEqual({ n: report.counts.read });

    const rest = await pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 2 }).run();
    expect(rest.counts.read).toBe(5000 - report.counts.read);
    expect(query(file, 'SELECT count(*) n, count(DISTINCT id) d FROM person')[0]).toEqual({ n: 5000, d: 5000 });
  });

  it('an already aborted signal reads nothing and completes cleanly', async () => {
    const file = seedPeople(10);
    const report = await pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 1, signal: AbortSignal.abort('no') }).run();
    expect(report.status.state).toBe('aborted');
    expect(report.counts.read).toBe(0);
  });
});
