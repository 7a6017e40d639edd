import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { databaseCpuMillis, type ServerTicks } from '../../bench/lib/database-cpu.js';
import { defaultSettings } from '../../bench/lib/context.js';
import type { LoadJob } from '../../bench/lib/load-job.js';
import { LoadClock, othersOf } from '../../bench/lib/loads/load-clock.js';
import { IN_CI, PG_URL, probePostgres } from '../helpers/postgres.js';
import { waitUntil } from '../helpers/wait-until.js';

// Into PostgreSQL the server works for the load in processes of its own; the bench shows their
// cores apart instead of as "other processes" disturbing the run.
const probe = await probePostgres();
const skip = process.platform !== 'linux' || (!probe.ok && !IN_CI);

/** Runs a query that keeps its backend busy for a while, on a connection of its own, and closes it; returns the backend's pid. */
async function busyBackend(): Promise<number> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await client.query('SELECT count(*) FROM generate_series(1, 4000000) g WHERE g % 7 = 3');
    return pid;
  } finally {
    await client.end();
  }
}

function job(db: 'postgres' | 'sqlite'): LoadJob {
  return {
    kind: 'loop',
    label: 'clock',
    records: 1,
    settings: defaultSettings(1),
    endpoint: db === 'postgres' ? { db, url: PG_URL!, sinkSchema: 'unused', sourceTable: 'unused' } : { db, sourceFile: 'unused.db', sinkFile: 'unused.db' },
  };
}

describe.skipIf(skip)(`the database server's CPU${probe.ok ? '' : ` (skipped: ${'reason' in probe ? probe.reason : ''})`}`, () => {
  it('counts the work of a backend that has ended', async () => {
    if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
    const before = databaseCpuMillis()!;
    const pid = await busyBackend();
    // Gone from /proc: reaped by the postmaster, its time now the postmaster's children's.
    await waitUntil(() => !existsSync(`/proc/${pid}`), 10_000, `backend ${pid} to end`);
    expect(databaseCpuMillis()! - before).toBeGreaterThanOrEqual(100);
  });

  it("reports the server's cores for a load into PostgreSQL and none into SQLite", async () => {
    const clock = new LoadClock(job('postgres'));
    await busyBackend();
    const r = clock.finish({ succeeded: 1, failed: 0, skipped: 0 });
    expect(r.databaseCores).toBeGreaterThan(0.1);
    expect(new LoadClock(job('sqlite')).finish({ succeeded: 1, failed: 0, skipped: 0 }).databaseCores).toBeNull();
  });
});

/** Scans as given, the last one again once they run out. */
function scripted(scans: readonly ServerTicks[]): () => ServerTicks {
  let i = 0;
  return () => scans[Math.min(i++, scans.length - 1)]!;
}

describe('a scan of /proc that a reap cut through', () => {
  it('is not taken: the next scan, with the same children time on both sides, is', () => {
    // A backend of 100 ticks: alive, then missed (reaped between the postmaster's read and its
    // own), then in the postmaster's children's time.
    const scans = [
      { own: 100, children: 0 },
      { own: 0, children: 0 },
      { own: 0, children: 100 },
      { own: 0, children: 100 },
    ];
    expect(databaseCpuMillis(scripted(scans))).toBe(1000);
    // The same backend, missed by the first scan.
    expect(databaseCpuMillis(scripted(scans.slice(1)))).toBe(1000);
  });

  it('is undefined where there is no /proc', () => {
    expect(databaseCpuMillis(() => undefined)).toBeUndefined();
  });
});

describe("other processes' cores", () => {
  it("leave out the load's own and the database server's", () => {
    expect(othersOf(1.9, 0.6, 0.9)).toBeCloseTo(0.4);
    expect(othersOf(1.9, 0.6, null)).toBeCloseTo(1.3);
    expect(othersOf(1.2, 0.6, 0.9)).toBe(0);
  });
});
