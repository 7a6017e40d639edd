import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sluice, startSluice } from '../helpers/cli.js';
import { countOf, IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';
import { contactXml, loadMapping, V1, V2 } from './contacts.js';

const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;
const RECORDS = 6000;

describe.skipIf(skip)(`SIGKILL in the middle of a reprocess on PostgreSQL${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  let fresh: PgScratch;
  beforeAll(async () => {
    [s, fresh] = await Promise.all([pgScratch('reprocess_kill'), pgScratch('reprocess_kill_fresh')]);
    await Promise.all([s.seed(RECORDS, contactXml), fresh.seed(RECORDS, contactXml)]);
  });
  afterAll(async () => Promise.all([s?.drop(), fresh?.drop()]));

  const args = (db: PgScratch, mapping: string) => {
    const url = `${PG_URL}?schema=${db.schema}`;
    return ['run', '--source', url, '--sink', url, '--mapping', mapping, '--workers', '1', '--batch-size', '40', '--no-progress', '--no-metrics'];
  };
  const rows = async (db: PgScratch) => ({
    person: await db.query('SELECT id, name FROM person ORDER BY id'),
    phone: await db.query('SELECT person_id, seq, number FROM phone ORDER BY person_id, seq, number'),
  });

  it('then reprocess --stale: every table equals a fresh load with the new mapping', async () => {
    const v1 = loadMapping(V1);
    const v2 = loadMapping(V2);
    expect(sluice(args(s, v1.file)).code).toBe(0);
    expect(sluice(args(fresh, v2.file)).code).toBe(0);
    const done = () => countOf(s, 'SELECT count(*) n FROM processing_log WHERE mapping_version = $1', [v2.version]);

    for (const [at, stale] of [[500, false], [2500, true]] as const) {
      const child = startSluice([...args(s, v2.file), '--reprocess', ...(stale ? ['--stale'] : [])]);
      child.stdout.resume();
      child.stderr.resume();
      const exited = once(child, 'exit');
      // Polls the database for a state to reach (committed records), not a duration.
      while ((await done()) < at && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
      child.kill('SIGKILL');
      const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
      expect({ code, signal }, 'the run ended before the kill: nothing was proved').toEqual({ code: null, signal: 'SIGKILL' });
    }
    expect(await done()).toBeLessThan(RECORDS);

    const last = sluice([...args(s, v2.file), '--reprocess', '--stale']);
    expect(last.code, last.stderr).toBe(0);
    const expected = await rows(fresh);
    expect(expected.phone).toHaveLength(RECORDS * 1.5);
    expect(await rows(s)).toEqual(expected);
    expect(await s.query('SELECT status, mapping_version, count(*)::int AS n FROM processing_log GROUP BY 1, 2')).toEqual([
      { status: 'succeeded', mapping_version: v2.version, n: RECORDS },
    ]);
  }, 240_000);
});
