import { join } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sluice, startSluice } from '../helpers/cli.js';
import { query, tempDir } from '../helpers/people.js';
import { waitUntil } from '../helpers/wait-until.js';

const logged = (db: string) => {
  try {
    return (query<{ n: number }>(db, 'SELECT count(*) n FROM processing_log')[0]?.n ?? 0);
  } catch {
    return 0; // not created yet
  }
};

describe('Ctrl-C during a load', () => {
  it('commits what is in flight, exits 130, and the next run finishes the work exactly once', async () => {
    const db = join(tempDir(), 'demo.db');
    const args = ['demo', '--records', '20000', '--db', db, '--workers', '2', '--batch-size', '200', '--no-progress', '--no-metrics'];
    const child = startSluice(args);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    await waitUntil(() => logged(db) > 0, 60_000, 'a first commit');
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(130);
    expect(stdout).toContain('INTERRUPTED');
    const afterStop = logged(db);
    expect(afterStop).toBeGreaterThan(0);
    expect(afterStop).toBeLessThan(20_000);
    // Rows and log agree: every succeeded record has its app_base row, and no other row exists.
    expect(query(db, "SELECT count(*) n FROM processing_log WHERE status = 'succeeded'")[0]).toEqual(query(db, 'SELECT count(*) n FROM app_base')[0]);

    const rerun = sluice(args);
    expect(rerun.code).toBe(0);
    expect(query(db, 'SELECT count(*) n, count(DISTINCT key) d FROM processing_log')[0]).toEqual({ n: 20_000, d: 20_000 });
    expect(query(db, "SELECT count(*) n FROM processing_log WHERE status = 'succeeded'")[0]).toEqual(query(db, 'SELECT count(DISTINCT app_id) n FROM app_base')[0]);
    expect(query(db, 'SELECT count(*) n FROM app_base')[0]).toEqual(query(db, 'SELECT count(DISTINCT app_id) n FROM app_base')[0]);
  });
});
