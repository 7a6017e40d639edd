import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, postgresStatus } from 'sluice';
import { claimItems, extendLeases, openPostgres, type ClaimSpec, type PgHandle } from '../../src/adapters/postgres/index.js';
import { countOf, IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';

const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;

describe.skipIf(skip)(`claim queue semantics${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  let h: PgHandle;
  const spec = (owner: string, over: Partial<ClaimSpec> = {}): ClaimSpec => ({ table: `${s.schema}.sluice_queue`, queue: 'q', owner, leaseMillis: 60_000, maxAttempts: 2, ...over });
  const keys = (items: { key: unknown }[]) => items.map((i) => Number(i.key));

  beforeAll(async () => {
    if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
    s = await pgScratch('claimq');
    await s.seed(100);
    h = openPostgres({ url: PG_URL! });
  });
  afterAll(async () => {
    await h?.close();
    await s?.drop();
  });

  it('enqueues idempotently, in pages, with priorities', async () => {
    const opts = { url: PG_URL!, schema: s.schema, queue: 'q', pageSize: 30, priorityExpression: 'CASE WHEN t.app_id > 95 THEN 1 END' };
    expect(await enqueue(opts)).toEqual({ seen: 100, enqueued: 100, requeued: 0 });
    expect(await enqueue(opts)).toEqual({ seen: 100, enqueued: 0, requeued: 0 });
    await s.query('INSERT INTO app_xml VALUES (101, $1)', ['<Person id="101"><Name>x</Name></Person>']);
    expect((await enqueue(opts)).enqueued).toBe(1);
    expect(await countOf(s, 'SELECT count(*) AS n FROM sluice_queue WHERE priority = 1')).toBe(6); // 96..101
  });

  it('gives concurrent claimers disjoint items, highest priority first', async () => {
    const [a, b] = await Promise.all([claimItems(h.pool, spec('a'), 10), claimItems(h.pool, spec('b'), 10)]);
    const all = [...keys(a), ...keys(b)];
    expect(new Set(all).size).toBe(20);
    expect(all).toEqual(expect.arrayContaining([96, 97, 98, 99, 100, 101]));
    expect(await countOf(s, "SELECT count(*) AS n FROM sluice_queue WHERE status = 'claimed' AND attempts = 1")).toBe(20);
  });

  it('extends the leases of a live owner and hands expired ones to the next claimer', async () => {
    const before = await s.query<{ t: Date }>("SELECT min(lease_expires_at) AS t FROM sluice_queue WHERE lease_owner = 'a'");
    expect(await extendLeases(h.pool, spec('a', { leaseMillis: 120_000 }))).toBe(10);
    const after = await s.query<{ t: Date }>("SELECT min(lease_expires_at) AS t FROM sluice_queue WHERE lease_owner = 'a'");
    expect(after[0]!.t.getTime()).toBeGreaterThan(before[0]!.t.getTime());
    // b dies: its leases run out (set in the past rather than waited for).
    await s.query("UPDATE sluice_queue SET lease_expires_at = now() - interval '1 second' WHERE lease_owner = 'b'");
    const c = await claimItems(h.pool, spec('c'), 10);
    expect(c.every((i) => i.status === 'claimed')).toBe(true);
    expect(await countOf(s, "SELECT count(*) AS n FROM sluice_queue WHERE lease_owner = 'c' AND attempts = 2")).toBe(10);
  });

  it('dead-letters an item whose lease expired maxAttempts times, with the reason', async () => {
    await s.query("UPDATE sluice_queue SET lease_expires_at = now() - interval '1 second' WHERE lease_owner = 'c'");
    const d = await claimItems(h.pool, spec('d'), 10);
    expect(d.map((i) => i.status)).toEqual(new Array(10).fill('dead'));
    const dead = await s.query<{ last_error: string }>("SELECT last_error FROM sluice_queue WHERE status = 'dead'");
    expect(dead).toHaveLength(10);
    expect(dead[0]!.last_error).toMatch(/gave up after 2 attempts/);
    const st = await postgresStatus({ url: PG_URL!, schema: s.schema, queue: 'q' });
    expect(st.queues[0]).toMatchObject({ queue: 'q', pending: 81, claimed: 10, expired: 0, done: 0, dead: 10, failed: 0 });
    expect(st.queues[0]!.owners).toEqual([{ owner: 'a', claimed: 10, done: 0 }]);
    expect(await enqueue({ url: PG_URL!, schema: s.schema, queue: 'q', requeueDead: true })).toMatchObject({ enqueued: 0, requeued: 10 });
  });
});
