import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, postgresSink } from 'sluice';
import { context, personBatch } from '../adapters/commit-batch.js';
import { countOf, IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';

const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;

describe.skipIf(skip)(`a record committed by two processes (lost lease)${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  beforeAll(async () => {
    if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
    s = await pgScratch('lostlease');
    await s.seed(5);
  });
  afterAll(async () => s?.drop());

  it('is written once: the second commit skips the rows of keys already in the log and finishes the rest', async () => {
    await enqueue({ url: PG_URL!, schema: s.schema, queue: 'q' });
    const first = postgresSink({ url: PG_URL!, schema: s.schema, queue: { name: 'q' } });
    const second = postgresSink({ url: PG_URL!, schema: s.schema, queue: { name: 'q' } });
    await first.open(context());
    await second.open(context());
    await first.write(personBatch([{ key: 1 }, { key: 2 }, { key: 3 }]));
    // The second process had the same items (its lease had expired and been taken): no constraint error, no double rows.
    await second.write(personBatch([{ key: 2 }, { key: 3 }, { key: 4 }, { key: 5, status: 'failed' }]));
    expect(await countOf(s, 'SELECT count(*) AS n FROM person')).toBe(4);
    expect(await countOf(s, 'SELECT count(*) AS n FROM phone')).toBe(8);
    expect(await countOf(s, 'SELECT count(*) AS n FROM processing_log')).toBe(5);
    expect(await s.query('SELECT key::int AS key, status, last_error FROM sluice_queue ORDER BY key')).toEqual([
      { key: 1, status: 'done', last_error: null },
      { key: 2, status: 'done', last_error: null },
      { key: 3, status: 'done', last_error: null },
      { key: 4, status: 'done', last_error: null },
      { key: 5, status: 'dead', last_error: 'failed on purpose' },
    ]);
    await Promise.all([first.close(), second.close()]);
  });
});
