import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, query, tempDir } from '../helpers/people.js';

describe('sluice run over a table with a NULL key', () => {
  it('ends, commits the keyed records, and says in the summary and the report what to fix', () => {
    const dir = tempDir();
    const file = join(dir, 'n.db');
    // The reproduction of issue 11: 100 keyed records and one with a NULL key, no constraint.
    const db = new Database(file);
    db.exec(`CREATE TABLE app_xml(app_id INTEGER, xml TEXT);
      WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<100)
      INSERT INTO app_xml SELECT i, '<Person><Name>P' || i || '</Name></Person>' FROM c;
      INSERT INTO app_xml VALUES (NULL, '<Person><Name>nobody</Name></Person>');`);
    db.close();
    const report = join(dir, 'report.json');
    const r = sluice(['run', '--source', `sqlite:${file}`, '--sink', `sqlite:${file}`, '--mapper', PERSON_MAPPER, '--no-progress', '--metrics-out', report]);

    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Succeeded:        100\n');
    expect(r.stdout).toContain('NULL keys:        1 record not read: a record without a key cannot be checkpointed; give it a key or exclude it (--where)');
    expect(query(file, 'SELECT status, count(*) n FROM processing_log GROUP BY status')).toEqual([{ status: 'succeeded', n: 100 }]);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { counts: Record<string, number>; keyIssues: unknown };
    expect(json.counts).toMatchObject({ read: 100, succeeded: 100, failed: 0, skipped: 0 });
    expect(json.keyIssues).toEqual({ nullKeys: 1, duplicates: 0, duplicateKeys: [] });
  });
});
