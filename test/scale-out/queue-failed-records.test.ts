import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, pipeline, postgresQueueSource, postgresSink, postgresStatus } from 'sluice';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';
import { countOf, IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';

const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;

describe.skipIf(skip)(`claim queue in one process${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  beforeAll(async () => {
    if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
    s = await pgScratch('queuefail');
    await s.seed(300, (id) => (id === 7 ? '<Person id="7"><Name>broken' : personXml(id)));
  });
  afterAll(async () => s?.drop());

  it('finishes every item: done, or dead with the record\'s error; the status shows it', async () => {
    await enqueue({ url: PG_URL!, schema: s.schema, queue: 'people' });
    const run = () =>
      pipeline({
        source: postgresQueueSource({ url: PG_URL!, schema: s.schema, queue: 'people', leaseMillis: 5000 }),
        sink: postgresSink({ url: PG_URL!, schema: s.schema, queue: { name: 'people' } }),
        mapper: PERSON_MAPPER,
        workers: 1,
        batchSize: 40,
        taskSize: 20,
      }).run();
    const report = await run();
    expect(report.counts).toMatchObject({ read: 300, succeeded: 299, failed: 1 });
    expect(await countOf(s, 'SELECT count(*) AS n FROM person')).toBe(299);
    const dead = await s.query<{ key: string; last_error: string }>("SELECT key, last_error FROM sluice_queue WHERE status = 'dead'");
    expect(dead.map((d) => Number(d.key))).toEqual([7]);
    expect(dead[0]!.last_error).toMatch(/\d+:\d+/); // saxes' line:column
    const st = await postgresStatus({ url: PG_URL!, schema: s.schema });
    expect(st.queues).toMatchObject([{ queue: 'people', pending: 0, claimed: 0, done: 299, dead: 1, failed: 1, oldestLease: null }]);
    expect(st.queues[0]!.owners).toEqual([{ owner: expect.stringContaining(':'), claimed: 0, done: 299 }]);
    expect(st.log).toEqual({ succeeded: 299, failed: 1, skipped: 0 });
    // Nothing is left to claim: a second run reads nothing.
    expect((await run()).counts.read).toBe(0);
  });
});
