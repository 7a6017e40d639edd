import { rmSync } from 'node:fs';
import { openSqlite } from '../adapters/sqlite/sqlite-driver.js';
import type { Source } from '../source/source.js';

/** The scratch table the sample is copied into, and its columns. */
export const SAMPLE_TABLE = { table: 'sample', keyColumn: 'key', payloadColumn: 'xml' } as const;

/** What was copied. */
export interface SampleCopy {
  readonly file: string;
  readonly records: number;
  /** Payload bytes copied, for the report. */
  readonly bytes: number;
}

/**
 * Copies the first `limit` records of `source` (in its order) into a new SQLite table in
 * `file`, so that every tune run reads the same records from the same place. The source is
 * only read (no checkpoint log is asked for, none is written); it is closed afterwards.
 * Records a source could not read whole (no key, over a size limit) are left out.
 */
export async function copySample(source: Source, limit: number, file: string): Promise<SampleCopy> {
  let kind;
  try {
    kind = (await source.keyKind?.()) ?? 'text';
  } catch (error) {
    await source.close();
    throw error;
  }
  // A sample left by an interrupted tune in the same folder is replaced, not appended to.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = openSqlite({ file }, 'write');
  let records = 0;
  let bytes = 0;
  try {
    db.exec(`CREATE TABLE sample (key ${kind === 'integer' ? 'INTEGER' : 'TEXT'} PRIMARY KEY, xml)`);
    const insert = db.prepare('INSERT OR IGNORE INTO sample (key, xml) VALUES (?, ?)');
    const page = db.transaction((rows: readonly (readonly [number | string, string | Uint8Array])[]) => {
      for (const [k, x] of rows) {
        if (insert.run(k, x).changes === 0) continue;
        records++;
        bytes += typeof x === 'string' ? Buffer.byteLength(x) : x.byteLength;
      }
    });
    for await (const got of source.pages({ pageSize: Math.min(500, limit), partition: {}, limit })) {
      const rows = got
        .filter((r) => r.unreadable === undefined && r.withheldBytes === undefined)
        // better-sqlite3 binds Buffers as BLOBs (a bare Uint8Array it refuses); the bytes are not copied.
        .map((r) => [r.key, typeof r.payload === 'string' || Buffer.isBuffer(r.payload) ? r.payload : Buffer.from(r.payload.buffer, r.payload.byteOffset, r.payload.byteLength)] as const);
      page(rows.slice(0, limit - records));
      if (records >= limit) break;
    }
  } finally {
    db.close();
    await source.close();
  }
  return { file, records, bytes };
}
