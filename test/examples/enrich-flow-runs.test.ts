import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { query, tempDir } from '../helpers/people.js';

const FLOW = fileURLToPath(new URL('../../examples/enrich/enrich-flow.ts', import.meta.url));

describe('examples/enrich/enrich-flow.ts', () => {
  it('runs from the repository root, scores every application its service knows, and exits 0', () => {
    const db = join(tempDir(), 'apps.db');
    const r = spawnSync(process.execPath, ['--import', 'jiti/register', FLOW, db], { encoding: 'utf8', timeout: 120_000, cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`completed: 39 applications scored and loaded into ${db}, 1 failed, 0 skipped`);
    expect(r.stdout).toMatch(/failed: record 13: stage "risk-score" failed: HTTP 404 Not Found from http:\/\/127\.0\.0\.1:\d+\/score\/13/);
    const rows = query<{ app_id: number; risk_score: number | null }>(db, 'SELECT app_id, risk_score FROM applications ORDER BY app_id');
    expect(rows).toHaveLength(39);
    expect(rows.every((row) => row.risk_score === (row.app_id * 37) % 100)).toBe(true);
    expect(query(db, "SELECT key FROM processing_log WHERE status = 'failed'")).toEqual([{ key: 13 }]);
  });
});
