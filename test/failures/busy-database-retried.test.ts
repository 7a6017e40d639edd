import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource, type Logger } from 'sluice';
import { holdWriteLock } from '../helpers/lock-holder.js';
import { PERSON_MAPPER, query, seedPeople } from '../helpers/people.js';

describe('a busy database', () => {
  it('is retried with backoff until the lock is released; nothing lost, nothing doubled', async () => {
    const file = seedPeople(600);
    // Create the tables first, so that the lock holder can lock a database that already has them.
    await pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 1, limit: 1 }).run();
    const lock = await holdWriteLock(file);

    let released: Promise<void> | undefined;
    const transient: number[] = [];
    const logger: Logger = {
      debug() {},
      info() {},
      error() {},
      warn(obj, msg) {
        if (msg?.startsWith('transient')) {
          transient.push((obj as { attempt: number }).attempt);
          // Let go after the third failed attempt: the commit must have been retried, and still succeed.
          if (transient.length === 3) released = lock.release();
        }
      },
    };
    const report = await pipeline({
      source: sqliteSource({ file }),
      sink: sqliteSink({ file, busyTimeoutMillis: 1 }),
      mapper: PERSON_MAPPER,
      workers: 2,
      batchSize: 100,
      retry: { maxAttempts: 50, baseDelayMillis: 5, maxDelayMillis: 50 },
      logger,
    }).run();
    await released;

    expect(transient.length).toBeGreaterThanOrEqual(3);
    expect(report.counts).toMatchObject({ read: 599, succeeded: 599, failed: 0 });
    expect(query(file, 'SELECT count(*) n, count(DISTINCT key) d FROM processing_log')[0]).toEqual({ n: 600, d: 600 });
    expect(query(file, 'SELECT count(*) n, count(DISTINCT id) d FROM person')[0]).toEqual({ n: 600, d: 600 });
  });

  it('stops the run with a clear error when the lock outlasts the retries, keeping what was committed', async () => {
    const file = seedPeople(300);
    await pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 1, limit: 100 }).run();
    const lock = await holdWriteLock(file);
    try {
      await expect(
        pipeline({
          source: sqliteSource({ file }),
          sink: sqliteSink({ file, busyTimeoutMillis: 1 }),
          mapper: PERSON_MAPPER,
          // Two commits in flight: when one gives up, the other is still retrying, and the run
          // must wait for it before closing the sink.
          workers: 2,
          batchSize: 50,
          retry: { maxAttempts: 3, baseDelayMillis: 1, maxDelayMillis: 2 },
        }).run(),
      ).rejects.toThrow(/commit still failing after 3 attempts: database is locked; check the database and rerun/);
    } finally {
      await lock.release();
    }
    expect(query(file, 'SELECT count(*) n FROM processing_log')[0]).toEqual({ n: 100 });
  });
});
