import { once } from 'node:events';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource } from 'sluice';
import { sluice, startSluice } from '../helpers/cli.js';
import { waitUntil } from '../helpers/wait-until.js';
import { copyOf, loadMapping, logRows, seedContacts, targetRows, V1, V2 } from './contacts.js';

const RECORDS = 6000;

/** Log entries the new mapping version has written so far (read while the child writes: WAL). */
function loadedBy(file: string, version: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) FROM processing_log WHERE mapping_version = ?').pluck().get(version) as number);
  } finally {
    db.close();
  }
}

describe('SIGKILL in the middle of a reprocess', () => {
  it('then a rerun: every table equals a fresh load with the new mapping, no row twice and none missing', async () => {
    const v1 = loadMapping(V1);
    const v2 = loadMapping(V2);
    const db = seedContacts(RECORDS);
    const fresh = copyOf(db);
    await pipeline({ source: sqliteSource({ file: db }), sink: sqliteSink({ file: db }), mapper: v1.spec, workers: 1 }).run();
    await pipeline({ source: sqliteSource({ file: fresh }), sink: sqliteSink({ file: fresh }), mapper: v2.spec, workers: 1 }).run();

    const args = ['run', '--source', `sqlite:${db}`, '--sink', `sqlite:${db}`, '--mapping', v2.file, '--workers', '1', '--batch-size', '40', '--no-progress', '--no-metrics'];
    // The first run reprocesses everything; the reruns after a kill take what is still stale.
    const kills = [{ at: 300, stale: false }, { at: 1500, stale: true }, { at: 3000, stale: true }];
    for (const kill of kills) {
      const child = startSluice([...args, '--reprocess', ...(kill.stale ? ['--stale'] : [])]);
      child.stdout.resume();
      child.stderr.resume();
      const exited = once(child, 'exit');
      await waitUntil(() => loadedBy(db, v2.version) >= kill.at || child.exitCode !== null, 120_000, `${kill.at} records reprocessed`);
      child.kill('SIGKILL');
      const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
      expect({ code, signal }, 'the run ended before the kill: nothing was proved').toEqual({ code: null, signal: 'SIGKILL' });
    }
    const remaining = RECORDS - loadedBy(db, v2.version);
    expect(remaining).toBeGreaterThan(0);

    const last = sluice([...args, '--reprocess', '--stale']);
    expect(last.code, last.stderr).toBe(0);
    expect(last.stdout).toMatch(new RegExp(`Records read: +${remaining.toLocaleString('en-US')}\\n`)); // only what the kills left
    const expected = targetRows(fresh);
    expect(expected.phone.length).toBe(RECORDS * 1.5);
    expect(targetRows(db)).toEqual(expected);
    const log = logRows(db);
    expect(log).toHaveLength(RECORDS);
    expect(log.filter(([, status, , version]) => status !== 'succeeded' || version !== v2.version)).toEqual([]);
  }, 240_000);
});
