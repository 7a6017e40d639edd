import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkLog, compareDatabases, readWal } from '../../scripts/lib/crash-harness.js';
import { parseHarnessArgs } from '../../scripts/crash-harness.js';
import { tempDir } from '../helpers/people.js';

/** A miniature reference database: the five target tables, processing_log and app_xml. */
function miniature(file: string): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE app_xml (app_id INTEGER PRIMARY KEY, xml TEXT);
    CREATE TABLE app_base (app_id INTEGER NOT NULL, status TEXT, PRIMARY KEY (app_id));
    CREATE TABLE app_contact (app_id INTEGER NOT NULL, seq INTEGER NOT NULL, phone TEXT, PRIMARY KEY (app_id, seq));
    CREATE TABLE app_address (app_id INTEGER NOT NULL, seq INTEGER NOT NULL, city TEXT, PRIMARY KEY (app_id, seq));
    CREATE TABLE app_employment (app_id INTEGER NOT NULL, seq INTEGER NOT NULL, employer TEXT, PRIMARY KEY (app_id, seq));
    CREATE TABLE app_tradeline (app_id INTEGER NOT NULL, seq INTEGER NOT NULL, balance TEXT, PRIMARY KEY (app_id, seq));
    CREATE TABLE processing_log ("key" PRIMARY KEY NOT NULL, status TEXT NOT NULL, attempts INTEGER, error TEXT, run_id TEXT, finished_at TEXT) WITHOUT ROWID;
  `);
  for (let id = 1; id <= 3; id++) {
    db.prepare('INSERT INTO app_xml VALUES (?, ?)').run(id, `<Application id="${id}"/>`);
    db.prepare("INSERT INTO processing_log VALUES (?, 'succeeded', 1, NULL, 'run-a', '2020-01-01T00:00:00.000Z')").run(id);
    db.prepare("INSERT INTO app_base VALUES (?, 'new')").run(id);
    for (const t of ['app_contact', 'app_address', 'app_employment', 'app_tradeline']) {
      db.prepare(`INSERT INTO ${t} VALUES (?, 1, ?), (?, 2, ?)`).run(id, `${t} ${id}.1`, id, `${t} ${id}.2`);
    }
  }
  db.close();
}

function withCopy(change: string): { failures: string[]; equal: Record<string, boolean> } {
  const dir = tempDir('sluice-crash-cmp-');
  const ref = join(dir, 'reference.db');
  const crash = join(dir, 'crash.db');
  miniature(ref);
  copyFileSync(ref, crash);
  const db = new Database(crash);
  db.exec(change);
  db.close();
  try {
    const r = compareDatabases(ref, crash);
    return { failures: r.failures, equal: Object.fromEntries(r.tables.map((t) => [t.table, t.equal])) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the crash harness comparison', () => {
  it('ignores what legitimately differs between runs: run_id, attempts, timestamps, physical row order', () => {
    const r = withCopy(`
      UPDATE processing_log SET run_id = 'run-b', attempts = 3, finished_at = '2030-01-01T00:00:00.000Z';
      CREATE TABLE t AS SELECT * FROM app_contact; DELETE FROM app_contact; INSERT INTO app_contact SELECT * FROM t ORDER BY app_id DESC, seq DESC; DROP TABLE t;
    `);
    expect(r.failures).toEqual([]);
    expect(Object.values(r.equal)).toEqual(Array(6).fill(true));
  });

  it('catches a changed value, a duplicated row, a lost row and a changed log status', () => {
    expect(withCopy("UPDATE app_tradeline SET balance = '0.00' WHERE app_id = 2 AND seq = 2").equal.app_tradeline).toBe(false);
    expect(withCopy('DELETE FROM app_address WHERE app_id = 3 AND seq = 1').equal.app_address).toBe(false);
    expect(withCopy("UPDATE processing_log SET status = 'failed', error = 'x' WHERE key = 1").equal.processing_log).toBe(false);
    const dup = withCopy("INSERT INTO app_employment VALUES (2, 3, 'app_employment 2.2')");
    expect(dup.equal.app_employment).toBe(false);
    expect(dup.failures.join('\n')).toMatch(/app_employment differs: 6 rows in the reference, 7 in the crash run/);
    expect(withCopy('DROP TABLE app_base').failures.join('\n')).toMatch(/tables differ/);
  });

  it('checks one log entry per source key', () => {
    const dir = tempDir('sluice-crash-cmp-');
    const file = join(dir, 'one.db');
    miniature(file);
    expect(checkLog(file, 3)).toEqual({ sourceRecords: 3, entries: 3, distinctKeys: 3, missing: 0, stray: 0, ok: true });
    const db = new Database(file);
    db.exec("DELETE FROM processing_log WHERE key = 2; INSERT INTO processing_log VALUES (9, 'succeeded', 1, NULL, 'r', NULL)");
    db.close();
    expect(checkLog(file, 3)).toMatchObject({ missing: 1, stray: 1, ok: false });
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a WAL left by a writer that never committed as uncommitted frames', () => {
    const dir = tempDir('sluice-crash-wal-');
    const file = join(dir, 'w.db');
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('cache_size = 1'); // spill to the WAL before the commit
    writer.exec('CREATE TABLE t (x TEXT)');
    const committed = readWal(file);
    expect(committed.frames).toBeGreaterThan(0);
    expect(committed.uncommittedFrames).toBe(0);
    writer.exec('BEGIN');
    const ins = writer.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 2000; i++) ins.run('x'.repeat(500));
    const open = readWal(file);
    expect(open.uncommittedFrames).toBeGreaterThan(0);
    writer.exec('ROLLBACK');
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('npm run test:crash flags', () => {
  it('takes --kills and --records, defaults to the CI size, and rejects a wrong flag with a message', () => {
    expect(parseHarnessArgs(['--kills', '50', '--records', '100000'])).toMatchObject({ kind: 'run', options: { kills: 50, records: 100_000, size: 'medium', keep: false } });
    expect(parseHarnessArgs([])).toMatchObject({ kind: 'run', options: { kills: 10, records: 5_000 } });
    expect(parseHarnessArgs(['--batch-sizes', '100,250', '--workers', '2', '--seed', '7'])).toMatchObject({ options: { batchSizes: [100, 250], workers: [2], seed: 7 } });
    expect(parseHarnessArgs(['--records', '0'])).toEqual({ kind: 'error', message: '--records must be an integer ≥ 1; got "0"' });
    expect(parseHarnessArgs(['--size', 'huge'])).toMatchObject({ kind: 'error', message: expect.stringContaining('--size must be small, medium or large') });
    expect(parseHarnessArgs(['--kils', '5'])).toMatchObject({ kind: 'error', message: expect.stringContaining("'--kils'") });
  });
});
