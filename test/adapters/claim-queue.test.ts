import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterCases, caseTitle, skipCase, type AdapterEnv, type QueueOps } from './adapter-cases.js';

const cases = (await adapterCases()).filter((c) => c.name !== 'sqlite'); // SQLite has no claim queue

const count = async (env: AdapterEnv, where: string) => Number((await env.rows(`SELECT count(*) AS n FROM sluice_queue WHERE ${where}`))[0]!.n);

for (const c of cases) {
  describe.skipIf(skipCase(c))(`${caseTitle(c)}: claim queue`, () => {
    let env: AdapterEnv;
    let q: QueueOps;
    beforeAll(async () => {
      env = await c.create();
      q = env.queue!;
      await env.seed(100);
    });
    afterAll(async () => env?.close());

    it('enqueues idempotently, in pages, with priorities', async () => {
      const opts = { queue: 'q', pageSize: 30, priorityExpression: 'CASE WHEN t.app_id > 95 THEN 1 END' };
      expect(await q.enqueue(opts)).toEqual({ seen: 100, enqueued: 100, requeued: 0 });
      expect(await q.enqueue(opts)).toEqual({ seen: 100, enqueued: 0, requeued: 0 });
      expect(await count(env, 'priority = 1')).toBe(5); // 96..100
    });

    it('gives concurrent claimers disjoint items, highest priority first', async () => {
      const [a, b] = await Promise.all([q.claim('q', 'a', 10), q.claim('q', 'b', 10)]);
      const all = [...a, ...b].map((i) => i.key);
      expect(new Set(all).size).toBe(20);
      expect(all).toEqual(expect.arrayContaining([96, 97, 98, 99, 100]));
      expect(await count(env, "status = 'claimed' AND attempts = 1")).toBe(20);
    });

    it('extends the leases of a live owner and hands expired ones to the next claimer', async () => {
      const before = (await q.status('q'))!.oldestLease!;
      expect(await q.extend('q', 'a', 120_000)).toBe(10);
      expect(Date.parse((await q.status('q'))!.oldestLease!.expiresAt)).toBeGreaterThanOrEqual(Date.parse(before.expiresAt));
      await q.expire('b'); // b died
      expect((await q.status('q'))!.expired).toBe(10);
      const c2 = await q.claim('q', 'c', 10);
      expect(c2.every((i) => i.status === 'claimed')).toBe(true);
      expect(await count(env, "lease_owner = 'c' AND attempts = 2")).toBe(10);
    });

    it('dead-letters an item whose lease expired maxAttempts times, with the reason, and requeues it on demand', async () => {
      await q.expire('c');
      const d = await q.claim('q', 'd', 10);
      expect(d.map((i) => i.status)).toEqual(new Array(10).fill('dead'));
      const dead = await env.rows("SELECT last_error FROM sluice_queue WHERE status = 'dead'");
      expect(dead).toHaveLength(10);
      expect(String(dead[0]!.last_error)).toMatch(/gave up after 2 attempts/);
      expect(await q.status('q')).toMatchObject({ queue: 'q', pending: 80, claimed: 10, expired: 0, done: 0, dead: 10, failed: 0 });
      expect((await q.status('q'))!.owners.filter((o) => o.claimed > 0)).toEqual([{ owner: 'a', claimed: 10, done: 0 }]);
      expect(await q.enqueue({ queue: 'q', requeueDead: true })).toMatchObject({ enqueued: 0, requeued: 10 });
    });
  });
}
