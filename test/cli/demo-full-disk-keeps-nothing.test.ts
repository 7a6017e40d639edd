import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, sluice } from '../helpers/cli.js';
import { query, tempDir } from '../helpers/people.js';

/**
 * `sluice demo` with the file size limited (`ulimit -f`, SIGXFSZ ignored): SQLite's writes past
 * the limit fail as they would on a full disk, without filling the real one.
 */
function demoWithFileLimit(db: string, kib: number) {
  const cmd = `ulimit -f ${kib * 2}; trap '' XFSZ; exec "$0" "$@"`;
  const r = spawnSync('/bin/sh', ['-c', cmd, process.execPath, CLI, 'demo', '--db', db, '--records', '3000', '--size', 'small', '--no-progress', '--no-metrics'], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stderr: r.stderr };
}

const tables = (db: string) => query<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((t) => t.name);

describe.skipIf(process.platform === 'win32')('demo generating onto a disk that fills up', () => {
  it('fails in one line saying what happened and what to do, keeps no app_xml, and the next run generates it all', () => {
    const db = join(tempDir(), 'demo.db');
    const r = demoWithFileLimit(db, 6000); // the first chunk of 1,000 records commits, the second meets the limit
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^sluice: generating 3,000 demo records into .*demo\.db failed after [12],000: .*\(SQLITE_\w+\)\. Nothing was kept .* Free disk space, or choose another --db or fewer --records, and run the demo again\.$/),
    ]);
    expect(tables(db)).not.toContain('app_xml');

    const again = sluice(['demo', '--db', db, '--records', '3000', '--size', 'small', '--no-progress', '--no-metrics']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Generated 3,000 credit applications');
    expect(tables(db)).not.toContain('app_xml_generating');
    expect(query(db, 'SELECT count(*) AS n FROM app_xml')).toEqual([{ n: 3000 }]);
    expect(query(db, 'SELECT count(*) AS n FROM processing_log')).toEqual([{ n: 3000 }]);
  });
});
