import { resolve } from 'node:path';
import type { SourceRecord } from '../../core/record.js';
import { keysetPages } from '../../source/keyset-pages.js';
import type { CheckpointLocation, ReadRequest, Source } from '../../source/source.js';
import { textKeyHash } from '../../partition/text-key-hash.js';
import { keyOf, kindOf } from './sqlite-keys.js';
import { openSqlite, quoteIdent, sqlString, type SqliteConnectionOptions, type SqliteDatabase } from './sqlite-driver.js';
import { checkSqliteSource } from './sqlite-source-check.js';
import { columnType } from './sqlite-catalog.js';

/** Options of `sqliteSource`. */
export interface SqliteSourceOptions extends SqliteConnectionOptions {
  /** Table holding the XML records. @default 'app_xml' */
  readonly table?: string;
  /** Key column (integer or text, unique). @default 'app_id' */
  readonly keyColumn?: string;
  /** XML column. @default 'xml' */
  readonly payloadColumn?: string;
  /** Extra SQL condition, e.g. `xml IS NOT NULL AND length(xml) > 100`. Trusted SQL: never user input. */
  readonly where?: string;
}

const ATTACHED = 'sluice_log';

/**
 * Reads records from a SQLite table by keyset pages (`WHERE key > ? ORDER BY key LIMIT ?`), with
 * the partition and the "not already checkpointed" filters in SQL.
 *
 * @example
 * ```ts
 * const source = sqliteSource({ file: 'loans.db', table: 'app_xml', keyColumn: 'app_id', payloadColumn: 'xml' });
 * ```
 */
export function sqliteSource(options: SqliteSourceOptions): Source {
  const file = resolve(options.file);
  const table = options.table ?? 'app_xml';
  const key = quoteIdent(options.keyColumn ?? 'app_id');
  const payload = quoteIdent(options.payloadColumn ?? 'xml');
  let db: SqliteDatabase | undefined;

  /**
   * WHERE conditions for the partition, the extra filter and non-NULL keys, with their parameters,
   * and apart, the "not already checkpointed" condition (the keyset loop reads the rows of the
   * last key read again, checkpointed or not).
   */
  function filters(db: SqliteDatabase, request: Omit<ReadRequest, 'pageSize' | 'signal'>) {
    const conditions: string[] = [`${key} IS NOT NULL`];
    const params: unknown[] = [];
    const { modulo, range } = request.partition;
    if (modulo && modulo.count > 1) conditions.push(`${sqliteKeyPart(db, key, modulo.count)} = ${modulo.index}`);
    if (range?.start !== undefined) {
      conditions.push(`${key} >= ?`);
      params.push(range.start);
    }
    if (range?.end !== undefined) {
      conditions.push(`${key} <= ?`);
      params.push(range.end);
    }
    if (options.where) conditions.push(`(${options.where})`);
    let skip: string | undefined;
    if (request.skip) {
      const logTable = attachLog(db, file, request.skip.log);
      const failed = request.skip.retryFailed ? ` AND l."status" <> 'failed'` : '';
      const version = request.skip.mappingVersion === undefined ? '' : ` AND l."mapping_version" = ${sqlString(request.skip.mappingVersion)}`;
      // `+` strips the source column's affinity: compared as is, SQLite would apply it to the
      // untyped log key and could not use the log's primary key (a full log scan per record).
      skip = `NOT EXISTS (SELECT 1 FROM ${logTable} l WHERE l."key" = +t.${key}${failed}${version})`;
    }
    return { conditions, params, skip };
  }

  return {
    name: `sqlite:${options.file}#${table}`,
    filtersPartition: true,
    canSkip: (log: CheckpointLocation) => log.kind === 'sqlite',
    async check() {
      db ??= openSqlite({ ...options, file }, 'read');
      const shape = { database: `sqlite:${options.file}`, table, keyColumn: options.keyColumn ?? 'app_id', payloadColumn: options.payloadColumn ?? 'xml' };
      checkSqliteSource(db, { ...shape, ...(options.where !== undefined && { where: options.where }) });
    },
    async keyKind() {
      db ??= openSqlite({ ...options, file }, 'read');
      const type = columnType(db, table, options.keyColumn ?? 'app_id');
      return type === undefined ? undefined : kindOf(type);
    },
    async *pages(request: ReadRequest): AsyncGenerator<SourceRecord[]> {
      const conn = (db ??= openSqlite({ ...options, file }, 'read'));
      const { conditions, params, skip } = filters(conn, request);
      if (request.keyIssues) {
        const unkeyed = conn.prepare(`SELECT count(*) FROM ${quoteIdent(table)} t WHERE ${key} IS NULL${options.where ? ` AND (${options.where})` : ''}`).raw(true).get() as [number];
        if (unkeyed[0]) request.keyIssues.nullKeys(unkeyed[0]);
      }
      // octet_length() reads the size from the record header: a 200 MB document is never loaded.
      const max = request.maxPayloadBytes;
      // In a UTF-8 database the document is read as its bytes: the main thread never builds (and
      // never garbage-collects) the string, and the copy to a worker is a memcpy. Measured on the
      // demo: peak RSS 340 -> 255 MB at the same speed. A UTF-16 database gives text.
      const utf8 = conn.pragma('encoding', { simple: true }) === 'UTF-8';
      const doc = utf8 ? `CAST(${payload} AS BLOB)` : payload;
      const withheld = [...(max === undefined ? [] : [`WHEN octet_length(${payload}) > ${Math.floor(max)} THEN NULL`])];
      // @sluice_last is the last key read: its rows come again first, without their documents.
      const columns = (after: boolean) => {
        const cases = after ? [`WHEN ${key} = @sluice_last THEN NULL`, ...withheld] : withheld;
        const document = cases.length ? `CASE ${cases.join(' ')} ELSE ${doc} END` : doc;
        return max === undefined ? `${key}, ${document}` : `${key}, ${document}, octet_length(${payload})`;
      };
      const sql = (after: boolean) => {
        const all = after ? [`${key} >= @sluice_last`, ...conditions, ...(skip ? [`(${key} = @sluice_last OR ${skip})`] : [])] : [...conditions, ...(skip ? [skip] : [])];
        return `SELECT ${columns(after)} FROM ${quoteIdent(table)} t WHERE ${all.join(' AND ')} ORDER BY ${key} LIMIT ?`;
      };
      // Safe integers: a 64-bit key beyond 2^53 is read exactly (as a bigint), never rounded.
      const first = conn.prepare(sql(false)).raw(true).safeIntegers(true);
      const next = conn.prepare(sql(true)).raw(true).safeIntegers(true);
      yield* keysetPages(async (after, limit) => {
        const rows = (after === undefined ? first.all(...params, limit) : next.all(...params, limit, { sluice_last: after.raw })) as [unknown, string | Uint8Array | null, bigint?][];
        return rows.map((r) => {
          const k = keyOf(r[0]);
          const size = r[2] === undefined ? undefined : Number(r[2]);
          return { raw: r[0], record: max !== undefined && size! > max ? { key: k, payload: '', withheldBytes: size! } : { key: k, payload: r[1] ?? '' } };
        });
      }, request);
    },
    async count(request) {
      db ??= openSqlite({ ...options, file }, 'read');
      const { conditions, params, skip } = filters(db, request);
      const where = ` WHERE ${[...conditions, ...(skip ? [skip] : [])].join(' AND ')}`;
      const n = (db.prepare(`SELECT count(*) FROM ${quoteIdent(table)} t${where}`).raw(true).get(...params) as [number])[0];
      return request.limit === undefined ? n : Math.min(n, request.limit);
    },
    async close() {
      db?.close();
      db = undefined;
    },
  };
}

/** The SQL function computing `textKeyHash` on a connection. */
export const SQLITE_KEY_HASH = 'sluice_key_hash';

/**
 * The SQL of a key's modulo part, as `inPartition` computes it: an integer key modulo `count`,
 * any other key by `textKeyHash` (registered on the connection: SQLite has no hash function of
 * its own). Decided per value, as SQLite types values, not columns.
 */
export function sqliteKeyPart(db: SqliteDatabase, key: string, count: number): string {
  registerKeyHash(db);
  return `(CASE WHEN typeof(${key}) = 'integer' THEN ${key} % ${count} ELSE ${SQLITE_KEY_HASH}(${key}) % ${count} END)`;
}

/** Makes `sluice_key_hash(key)` (`textKeyHash`) callable from SQL on this connection. */
export function registerKeyHash(db: SqliteDatabase): void {
  db.function(SQLITE_KEY_HASH, { deterministic: true }, (value) => textKeyHash(String(value)));
}

/** Returns how to name the log table from the source connection, attaching its file if it is another one. */
function attachLog(db: SqliteDatabase, sourceFile: string, log: CheckpointLocation): string {
  if (resolve(log.database) === sourceFile) return quoteIdent(log.table);
  const attached = (db.prepare('PRAGMA database_list').all() as { name: string }[]).some((d) => d.name === ATTACHED);
  if (!attached) db.prepare(`ATTACH DATABASE ? AS ${ATTACHED}`).run(resolve(log.database));
  return `${ATTACHED}.${quoteIdent(log.table)}`;
}
