import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personXml } from '../helpers/people.js';
import { countOf, IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';
import { CLI, requireBuild, spawnNode } from './processes.js';

const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;
const N = 3000;

describe.skipIf(skip)(`static partitions: 3 processes${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  beforeAll(async () => {
    if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
    requireBuild();
    s = await pgScratch('static');
    await s.seed(N, (id) => personXml(id, id % 3));
  });
  afterAll(async () => s?.drop());

  it('processes every record exactly once with --instance-id 0..2 --instance-count 3', async () => {
    const url = `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}schema=${s.schema}`;
    const mapper = 'test/fixtures/person-mapper.ts';
    const procs = [0, 1, 2].map((i) =>
      spawnNode([CLI, 'run', '--source', url, '--sink', url, '--mapper', mapper, '--instance-id', String(i), '--instance-count', '3',
        '--workers', '1', '--batch-size', '100', '--no-metrics', '--no-progress']),
    );
    const exits = await Promise.all(procs.map((p) => p.exited));
    for (const e of exits) expect(e.code, e.stderr).toBe(0);

    expect(await countOf(s, 'SELECT count(*) AS n FROM processing_log')).toBe(N);
    expect(await countOf(s, "SELECT count(*) AS n FROM processing_log WHERE status <> 'succeeded'")).toBe(0);
    expect(await countOf(s, 'SELECT count(*) AS n FROM person')).toBe(N);
    expect(await countOf(s, 'SELECT count(*) AS n FROM phone')).toBe(Array.from({ length: N }, (_, i) => (i + 1) % 3).reduce((a, b) => a + b, 0));
    // Each instance committed exactly its own keys.
    const byInstance = await s.query<{ instance_id: number; n: string; wrong: string }>(
      'SELECT instance_id, count(*) AS n, count(*) FILTER (WHERE key % 3 <> instance_id) AS wrong FROM processing_log GROUP BY instance_id ORDER BY instance_id',
    );
    expect(byInstance.map((r) => [r.instance_id, Number(r.n), Number(r.wrong)])).toEqual([[0, 1000, 0], [1, 1000, 0], [2, 1000, 0]]);

    // A second round finds nothing left to do.
    const again = await spawnNode([CLI, 'run', '--source', url, '--sink', url, '--mapper', mapper, '--instance-id', '1', '--instance-count', '3', '--workers', '1', '--no-metrics', '--no-progress']).exited;
    expect(again.code, again.stderr).toBe(0);
    expect(await countOf(s, 'SELECT count(*) AS n FROM person')).toBe(N);
  });
});
