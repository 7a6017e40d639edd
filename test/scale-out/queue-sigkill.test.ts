import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from 'sluice';
import { personXml } from '../helpers/people.js';
import { countOf, IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';
import { QUEUE_WORKER, requireBuild, spawnNode, waitUntil } from './processes.js';

const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;
const N = 4000;

describe.skipIf(skip)(`claim queue: a worker killed with SIGKILL${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  beforeAll(async () => {
    if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
    requireBuild();
    s = await pgScratch('sigkill');
    await s.seed(N, (id) => personXml(id, 1 + (id % 2)));
  });
  afterAll(async () => s?.drop());

  it('loses nothing and doubles nothing: the dead worker\'s leases expire and the others finish its work', async () => {
    expect((await enqueue({ url: PG_URL!, schema: s.schema, queue: 'people' })).enqueued).toBe(N);
    const worker = (owner: string) =>
      spawnNode([QUEUE_WORKER, JSON.stringify({ url: PG_URL, schema: s.schema, queue: 'people', owner, leaseMillis: 2000 })]);
    const victim = worker('victim');
    const survivors = [worker('survivor-1'), worker('survivor-2')];

    // Kill once the victim holds leases and the load is under way.
    await waitUntil('the victim has committed records and holds more claims', async () =>
      (await countOf(s, "SELECT count(*) AS n FROM sluice_queue WHERE lease_owner = 'victim' AND status = 'claimed'")) > 0 &&
      (await countOf(s, "SELECT count(*) AS n FROM sluice_queue WHERE lease_owner = 'victim' AND status = 'done'")) >= 100);
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    const orphaned = await countOf(s, "SELECT count(*) AS n FROM sluice_queue WHERE lease_owner = 'victim' AND status = 'claimed'");
    expect(orphaned).toBeGreaterThan(0);

    const exits = await Promise.all(survivors.map((p) => p.exited));
    for (const e of exits) expect(e.code, e.stderr).toBe(0);

    expect(await countOf(s, 'SELECT count(*) AS n FROM processing_log')).toBe(N);
    expect(await countOf(s, "SELECT count(*) AS n FROM processing_log WHERE status <> 'succeeded'")).toBe(0);
    expect(await countOf(s, 'SELECT count(*) AS n FROM person')).toBe(N);
    expect(await countOf(s, 'SELECT count(*) AS n FROM phone')).toBe(N + N / 2);
    expect(await countOf(s, "SELECT count(*) AS n FROM sluice_queue WHERE status <> 'done'")).toBe(0);
    // The victim's orphaned items were claimed a second time, after their leases expired.
    expect(await countOf(s, 'SELECT count(*) AS n FROM sluice_queue WHERE attempts >= 2')).toBeGreaterThanOrEqual(orphaned);
    // The survivors between them account for every record the victim did not commit.
    const survivorCounts = exits.map((e) => JSON.parse(e.stdout.trim().split('\n').pop()!).counts.succeeded as number);
    expect(survivorCounts.reduce((a, b) => a + b, 0)).toBeLessThan(N);
    expect(survivorCounts.every((n) => n > 0)).toBe(true);
  });
});
