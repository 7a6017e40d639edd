import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mssql from 'mssql';

// tedious is mssql's own dependency: resolved from mssql, not from this package.
const fromMssql = createRequire(createRequire(import.meta.url).resolve('mssql'));
const BulkLoad = fromMssql('tedious/lib/bulk-load.js') as new (...args: unknown[]) => TediousBulkLoad;

interface TediousBulkLoad {
  getBulkInsertSql(): string;
  callback: (error: Error | null, rowCount?: number) => void;
  rowToPacketTransform: NodeJS.ReadWriteStream;
}

/**
 * Runs the real `mssql.Request#bulk` down to the real tedious `BulkLoad`, on a stand-in for the
 * tedious connection that only builds the bulk load and serialises its rows to TDS (where
 * tedious validates every value) instead of sending them. Returns the `insert bulk` statement
 * tedious would send first, and the size of the row data.
 */
export async function bulkThroughTedious(table: mssql.Table, options: object): Promise<{ sql: string; bytes: number; rowsAffected: number }> {
  let load: TediousBulkLoad | undefined;
  let bytes = 0;
  const connection = Object.assign(new EventEmitter(), {
    newBulkLoad(path: string, opts: object, done: TediousBulkLoad['callback']) {
      load = new BulkLoad(path, undefined, { useUTC: true, tdsVersion: '7_4' }, opts, done);
      return load;
    },
    execBulkLoad(bulk: TediousBulkLoad, rows: unknown[][]) {
      const sink = new Writable({ write: (chunk: Buffer, _e, cb) => ((bytes += chunk.length), cb()) });
      pipeline(Readable.from(rows), bulk.rowToPacketTransform, sink).then(
        () => bulk.callback(null, rows.length),
        (error: Error) => bulk.callback(error),
      );
    },
    cancel() {},
  });
  const parent = { connected: true, config: {}, acquire: (_r: unknown, cb: (e: null, c: unknown) => void) => process.nextTick(cb, null, connection), release() {} };
  const result = await new mssql.Request(parent as never).bulk(table, options as mssql.IBulkOptions);
  return { sql: load!.getBulkInsertSql(), bytes, rowsAffected: result.rowsAffected };
}
