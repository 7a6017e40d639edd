import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { query, tempDir } from '../helpers/people.js';

describe('sluice demo, run twice', () => {
  it('processes only what processing_log does not hold yet, and says so', () => {
    const db = join(tempDir(), 'demo.db');
    const args = ['demo', '--records', '3000', '--db', db, '--workers', '1', '--no-progress', '--no-metrics'];
    const first = sluice([...args, '--limit', '1000']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(query(db, 'SELECT count(*) n FROM processing_log')[0]).toEqual({ n: 1000 });

    const second = sluice(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Using the existing app_xml');
    expect(second.stdout).toContain('Resuming: 1,000 records are already in processing_log; processing the remaining 2,000.');
    expect(second.stdout).toMatch(/Records read:\s+2,000/);
    expect(query(db, 'SELECT count(*) n, count(DISTINCT key) d FROM processing_log')[0]).toEqual({ n: 3000, d: 3000 });
    expect(query(db, 'SELECT count(*) n, count(DISTINCT app_id) d FROM app_base')[0]).toEqual(
      query(db, "SELECT count(*) n, count(*) d FROM processing_log WHERE status = 'succeeded'")[0],
    );

    const third = sluice(args);
    expect(third.stdout).toMatch(/Records read:\s+0\b/);
  });
});
