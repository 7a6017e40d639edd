import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeline, postgresSink, postgresSource } from 'sluice';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';
import { countOf, IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';
import { waitUntil } from './processes.js';

const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;
const N = 12_000;

describe.skipIf(skip)(`a terminated PostgreSQL backend${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  beforeAll(async () => {
    if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
    s = await pgScratch('terminate');
    await s.seed(N, (id) => personXml(id, 1));
  });
  afterAll(async () => s?.drop());

  it('is retried: the load completes with every record once', async () => {
    const app = `sluice-term-${randomBytes(4).toString('hex')}`;
    const load = pipeline({
      source: postgresSource({ url: PG_URL!, table: `${s.schema}.app_xml`, applicationName: app }),
      sink: postgresSink({ url: PG_URL!, schema: s.schema, applicationName: app }),
      mapper: PERSON_MAPPER,
      workers: 1,
      batchSize: 100,
      taskSize: 50,
      maxInFlightCommits: 2,
    });
    const done = load.run();
    let terminated = 0;
    // Kill every backend of the load three times while it runs, at growing progress.
    for (const atLeast of [1500, 4000, 7000]) {
      await waitUntil(`${atLeast} records are committed`, async () => (await countOf(s, 'SELECT count(*) AS n FROM processing_log')) >= atLeast);
      const r = await s.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [app]);
      terminated += r.length;
    }
    const report = await done;
    expect(terminated).toBeGreaterThan(0);
    expect(report.status).toEqual({ state: 'completed' });
    expect(report.counts).toMatchObject({ read: N, succeeded: N, failed: 0 });
    expect(await countOf(s, 'SELECT count(*) AS n FROM processing_log')).toBe(N);
    expect(await countOf(s, 'SELECT count(*) AS n FROM person')).toBe(N);
    expect(await countOf(s, 'SELECT count(*) AS n FROM phone')).toBe(N);
  });
});
