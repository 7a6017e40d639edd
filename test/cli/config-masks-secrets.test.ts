import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { tempDir } from '../helpers/people.js';

describe('sluice config masks secrets', () => {
  it('shows URLs without passwords, and password variables only as set', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sluice.config.yaml'), 'source: postgres://loader:hunter2@db:5432/loans\n');
    const r = sluice(['config', 'run', '--sink', 'Server=db;Database=x;User Id=etl;Password=s3cret'], { PGPASSWORD: 'pgsecret', SQLCMDPASSWORD: '' }, dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--source\s+postgres:\/\/loader:\*\*\*@db:5432\/loans\s+file /);
    expect(r.stdout).toMatch(/--sink\s+Server=db;Database=x;User Id=etl;Password=\*\*\*\s+flag/);
    expect(r.stdout).toMatch(/PGPASSWORD\s+\*\*\*/);
    expect(r.stdout).toMatch(/SQLCMDPASSWORD\s+-/);
    for (const secret of ['hunter2', 's3cret', 'pgsecret']) expect(r.stdout + r.stderr).not.toContain(secret);
  });
});
