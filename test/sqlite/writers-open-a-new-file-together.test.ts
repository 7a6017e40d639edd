import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { column, sqliteSink, type TableSchema } from 'sluice';
import { holdWriteLock } from '../helpers/lock-holder.js';
import { query, tempDir } from '../helpers/people.js';

const tables: TableSchema[] = [{ name: 'item', columns: [{ name: 'id', ...column.integer() }], primaryKey: ['id'], indexes: [] }];

describe('a SQLite sink opening a file another process is writing', () => {
  it('waits for the lock to switch the file to WAL, without blocking the event loop, then creates its tables', async () => {
    const file = join(tempDir(), 'new.db');
    const setup = new Database(file); // a file still in rollback-journal mode, as a new one is
    setup.exec('CREATE TABLE other (a)');
    setup.close();
    const lock = await holdWriteLock(file);

    const sink = sqliteSink({ file });
    const opening = sink.open({ tables, createTables: true, runId: 'r', instanceId: 0, instanceCount: 1 });
    // The first switch to WAL met the lock; open() is waiting on a timer, so this runs.
    await lock.release();
    await opening;
    await sink.close();

    expect(query(file, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(query<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((t) => t.name)).toEqual(['item', 'other', 'processing_log']);
  });

  it('gives up after the busy timeout with an error that says what holds it', async () => {
    const file = join(tempDir(), 'held.db');
    new Database(file).exec('CREATE TABLE other (a)').close();
    const lock = await holdWriteLock(file);
    try {
      await expect(sqliteSink({ file, busyTimeoutMillis: 30 }).open({ tables, createTables: true, runId: 'r', instanceId: 0, instanceCount: 1 })).rejects.toThrow(
        /cannot switch .*held\.db to WAL mode: database is locked; another process holds it/,
      );
    } finally {
      await lock.release();
    }
  });
});
