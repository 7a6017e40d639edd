import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { column, sqliteSink, SluiceStateError, type TableSchema } from 'sluice';
import { ensureOpen } from '../../src/core/ensure-open.js';
import { createCommitBatch } from '../../src/sink/commit-batch.js';
import { tempDir } from '../helpers/people.js';

const tables: TableSchema[] = [{ name: 'item', columns: [{ name: 'id', ...column.integer() }], primaryKey: ['id'], indexes: [] }];

describe('using a component before open() or after close()', () => {
  it('ensureOpen passes an open resource through and throws a SluiceStateError naming the component and method otherwise', () => {
    const db = { open: true };
    expect(ensureOpen(db, 'sqlite:a.db', 'write')).toBe(db);
    const thrown = (() => {
      try {
        ensureOpen(undefined, 'sqlite:a.db', 'write');
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(SluiceStateError);
    expect(thrown).toMatchObject({ name: 'SluiceStateError', component: 'sqlite:a.db', method: 'write', message: 'sqlite:a.db: write() before open() or after close()' });
  });

  it('a SQLite sink throws it for write() before open() and after close()', async () => {
    const file = join(tempDir(), 'closed.db');
    const sink = sqliteSink({ file });
    const batch = createCommitBatch([], []);
    await expect(sink.write(batch)).rejects.toThrow(SluiceStateError);
    await sink.open({ tables, createTables: true, runId: 'r', instanceId: 0, instanceCount: 1 });
    await sink.write(batch);
    await sink.close();
    await expect(sink.write(batch)).rejects.toThrow(new SluiceStateError(`sqlite:${file}`, 'write'));
  });
});
