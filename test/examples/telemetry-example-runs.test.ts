import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { query, tempDir } from '../helpers/people.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/telemetry/print-telemetry.ts', import.meta.url));

describe('examples/telemetry/print-telemetry.ts', () => {
  it('runs from the repository root and prints the metrics and spans its SDK received, equal to the report', () => {
    const db = join(tempDir(), 'readings.db');
    const r = spawnSync(process.execPath, ['--import', 'jiti/register', EXAMPLE, db], { encoding: 'utf8', timeout: 120_000, cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    expect(r.stderr).toBe('');
    // A run that did not end (killed at the timeout) says how far it got.
    expect(r.status, `signal ${String(r.signal)}; stdout: ${r.stdout}`).toBe(0);
    expect(r.stdout).toContain('sluice.records{status=succeeded} 1999');
    expect(r.stdout).toContain('sluice.records{status=failed} 1');
    expect(r.stdout).toMatch(/^sluice\.commits 8$/m);
    expect(r.stdout).toMatch(/^8 sluice\.commit spans/m);
    expect(query(db, 'SELECT count(*) AS n FROM reading')).toEqual([{ n: 1999 }]);
  });
});
