import type { RecordKey, SourceRecord } from '../../core/record.js';
import { keysetPages } from '../../source/keyset-pages.js';
import type { CheckpointLocation, ReadRequest, Source } from '../../source/source.js';
import { execute, openMssql, quoteName, type MssqlConnectionOptions, type MssqlDriver, type MssqlPool, type SqlParam } from './mssql-driver.js';
import { retryTransient } from './mssql-errors.js';
import { checkMssqlSource } from './mssql-source-check.js';
import { connected, keyColumnOf, logKeyMatch, logKeyType, type KeyColumn } from './mssql-catalog.js';

/** Options of `mssqlSource`. */
export interface MssqlSourceOptions extends MssqlConnectionOptions {
  /** Table holding the XML records, schema-qualified if needed (`dbo.app_xml`). @default 'app_xml' */
  readonly table?: string;
  /** Key column (integer or text, unique, indexed). @default 'app_id' */
  readonly keyColumn?: string;
  /** XML column: NVARCHAR, VARCHAR or XML (read as NVARCHAR(MAX)). @default 'xml' */
  readonly payloadColumn?: string;
  /** Extra T-SQL condition on the table (alias `t`), e.g. `t.xml IS NOT NULL AND DATALENGTH(t.xml) > 100`. Trusted SQL: never user input. */
  readonly where?: string;
}

/** SQL conditions on alias `t` and their parameters. */
export interface Filters {
  readonly conditions: string[];
  readonly params: SqlParam[];
  /** The "not already checkpointed" condition, if any (it is also in `conditions`). */
  readonly checkpointed?: string;
}

/**
 * The partition, `where` and "not already checkpointed" filters of a table read, as T-SQL on
 * alias `t`. Shared by the table source, its count and the queue (enqueue).
 */
export async function tableFilters(
  driver: MssqlDriver,
  pool: MssqlPool,
  key: KeyColumn,
  request: Pick<ReadRequest, 'partition' | 'skip'>,
  where: string | undefined,
): Promise<Filters> {
  // A NULL key can be neither read by keyset nor checkpointed: the source reports such records.
  const conditions: string[] = [`${key.sql} IS NOT NULL`];
  const params: SqlParam[] = [];
  let checkpointed: string | undefined;
  const { modulo, range } = request.partition;
  if (modulo && modulo.count > 1) {
    conditions.push(`(${key.integer ? key.sql : mssqlTextKeyHash(key.sql)} % @p_count) = @p_index`);
    params.push({ name: 'p_count', type: 'int', value: modulo.count }, { name: 'p_index', type: 'int', value: modulo.index });
  }
  if (range?.start !== undefined) {
    conditions.push(`${key.sql} >= @p_start`);
    params.push({ name: 'p_start', type: key.param, value: range.start });
  }
  if (range?.end !== undefined) {
    conditions.push(`${key.sql} <= @p_end`);
    params.push({ name: 'p_end', type: key.param, value: range.end });
  }
  if (where) conditions.push(`(${where})`);
  if (request.skip) {
    const type = await logKeyType(driver, pool, request.skip.log.table);
    const version = request.skip.mappingVersion;
    if (type) conditions.push((checkpointed = notCheckpointed(request.skip.log.table, key, type, request.skip.retryFailed, version !== undefined)));
    if (type && version !== undefined) params.push({ name: 'p_version', type: 'nvarchar(64)', value: version });
  }
  return { conditions, params, ...(checkpointed && { checkpointed }) };
}

/**
 * `textKeyHash` in T-SQL: the first 4 bytes of SHA-256 over the key's UTF-8 bytes, as an unsigned
 * 32-bit number (a BIGINT; a BINARY(4) converts big-endian). The key goes through NVARCHAR (a
 * VARCHAR key is decoded from its own code page) to VARCHAR under a UTF-8 collation, whose code
 * page is UTF-8: the bytes hashed are the key's UTF-8 bytes. UTF-8 collations need SQL Server
 * 2019 (15.x) or Azure SQL; HASHBYTES takes input of any length since 2016.
 */
export function mssqlTextKeyHash(key: string): string {
  return `CONVERT(BIGINT, CONVERT(BINARY(4), HASHBYTES('SHA2_256', CONVERT(VARCHAR(MAX), CONVERT(NVARCHAR(MAX), ${key}) COLLATE Latin1_General_100_BIN2_UTF8))))`;
}

/**
 * The resume filter: records whose key the log holds are not read again (failed ones are, with
 * retryFailed; with `byVersion`, only entries of mapping version `@p_version` count).
 */
export function notCheckpointed(logTable: string, key: KeyColumn, logType: string, retryFailed: boolean, byVersion = false): string {
  const version = byVersion ? ' AND l.[mapping_version] = @p_version' : '';
  return `NOT EXISTS (SELECT 1 FROM ${quoteName(logTable)} l WHERE ${logKeyMatch(key, logType)}${retryFailed ? ` AND l.[status] <> N'failed'` : ''}${version})`;
}

/**
 * The payload as NVARCHAR(MAX) whatever the column's type (the server serialises XML), and,
 * with a limit, NULL instead of a document larger than it: DATALENGTH reads the size without
 * sending the document. DATALENGTH counts UTF-16 bytes, two per JavaScript character, and a
 * document has at least as many UTF-8 bytes as characters: only documents certainly over the
 * limit are withheld; the worker checks the others exactly.
 */
export function payloadSql(payloadColumn: string, maxPayloadBytes: number | undefined, lastKey?: string): { columns: string; apply: string } {
  const apply = `CROSS APPLY (SELECT CAST(t.${quoteName(payloadColumn)} AS NVARCHAR(MAX)) AS [sluice_payload]) AS sp`;
  const max = maxPayloadBytes === undefined ? undefined : 2 * Math.floor(maxPayloadBytes);
  const cases = [...(lastKey ? [`WHEN ${lastKey} = @last THEN NULL`] : []), ...(max === undefined ? [] : [`WHEN DATALENGTH(sp.[sluice_payload]) > ${max} THEN NULL`])];
  const payload = cases.length ? `CASE ${cases.join(' ')} ELSE sp.[sluice_payload] END` : 'sp.[sluice_payload]';
  if (max === undefined) return { columns: `${payload} AS [payload]`, apply };
  return { columns: `${payload} AS [payload], DATALENGTH(sp.[sluice_payload]) AS [bytes]`, apply };
}

/**
 * One keyset page of `@n` records in key order: from the start, or (`afterLast`) from `@last`
 * again, its rows first and without their documents (see `keysetPages`).
 */
export function keysetPageSql(spec: { table: string; key: KeyColumn; payloadColumn: string; conditions: readonly string[]; afterLast: boolean; maxPayloadBytes?: number }): string {
  const p = payloadSql(spec.payloadColumn, spec.maxPayloadBytes, spec.afterLast ? spec.key.sql : undefined);
  const where = [...(spec.afterLast ? [`${spec.key.sql} >= @last`] : []), ...spec.conditions];
  return `SELECT TOP (@n) ${spec.key.sql} AS [key], ${p.columns}
FROM ${quoteName(spec.table)} t
${p.apply}${where.length ? `\nWHERE ${where.join('\n  AND ')}` : ''}
ORDER BY ${spec.key.sql}`;
}

/** A row of a read, as `payloadSql` names its columns. */
export interface PageRow {
  readonly key: unknown;
  readonly payload: string | null;
  readonly bytes?: number | string | null;
}

/** A record of a read: integer keys as numbers when exact (BIGINT arrives as a string), withheld payloads marked. */
export function recordOf(row: PageRow, integerKey: boolean): SourceRecord {
  const key = keyOf(row.key, integerKey);
  if (row.payload === null && row.bytes !== undefined && row.bytes !== null) {
    // Characters (UTF-16 bytes / 2): a lower bound of the UTF-8 size, exact for ASCII.
    return { key, payload: '', withheldBytes: Math.ceil(Number(row.bytes) / 2) };
  }
  return { key, payload: row.payload ?? '' };
}

export function keyOf(value: unknown, integer: boolean): RecordKey {
  if (typeof value === 'number') return value;
  if (integer && typeof value === 'string') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  return String(value);
}

/** True if a checkpoint log is a SQL Server table in the database this handle reaches. */
export function sameDatabase(identity: string, log: CheckpointLocation): boolean {
  return log.kind === 'mssql' && log.database === identity;
}

/**
 * Reads records from a SQL Server table by keyset pages (`SELECT TOP (@n) ... WHERE key > @last
 * ORDER BY key`), one short query per page pulled, with the partition, `where` and, when the
 * checkpoint log is in the same database, the "not already checkpointed" filter (NOT EXISTS) in
 * T-SQL. XML columns are read as NVARCHAR(MAX); documents over the size limit are not sent.
 *
 * @example
 * ```ts
 * const source = mssqlSource({
 *   url: 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;Trusted_Connection=yes',
 *   table: 'dbo.app_xml', keyColumn: 'app_id', payloadColumn: 'xml',
 *   where: 't.xml IS NOT NULL AND DATALENGTH(t.xml) > 100',
 * });
 * ```
 */
export function mssqlSource(options: MssqlSourceOptions): Source {
  const table = options.table ?? 'app_xml';
  const keyName = options.keyColumn ?? 'app_id';
  const payloadColumn = options.payloadColumn ?? 'xml';
  quoteName(table); // a malformed name fails here, not at the first page
  const handle = openMssql(options, { poolMax: 2 });
  const { driver, identity } = handle;

  const prepare = async (request: Pick<ReadRequest, 'partition' | 'skip' | 'retry' | 'signal'>) => {
    const pool = await connected(handle, request);
    const key = await retryTransient(() => keyColumnOf(driver, pool, table, keyName), request);
    const filters = await retryTransient(() => tableFilters(driver, pool, key, request, options.where), request);
    return { pool, key, filters };
  };

  return {
    name: `mssql:${identity}#${table}`,
    filtersPartition: true,
    canSkip: (log) => sameDatabase(identity, log),
    async check() {
      const shape = { database: `mssql:${identity}`, table, keyColumn: keyName, payloadColumn, ...(options.where !== undefined && { where: options.where }) };
      await checkMssqlSource(driver, await connected(handle), shape);
    },
    async *pages(request: ReadRequest): AsyncGenerator<SourceRecord[]> {
      const { pool, key, filters } = await prepare(request);
      if (request.keyIssues) {
        const where = options.where ? ` AND (${options.where})` : '';
        const r = await retryTransient(() => execute<{ n: number | string }>(driver, pool, { text: `SELECT COUNT_BIG(*) AS n FROM ${quoteName(table)} t WHERE ${key.sql} IS NULL${where}`, params: [] }), request);
        const unkeyed = Number(r.recordset?.[0]?.n ?? 0);
        if (unkeyed) request.keyIssues.nullKeys(unkeyed);
      }
      const spec = { table, key, payloadColumn, ...(request.maxPayloadBytes !== undefined && { maxPayloadBytes: request.maxPayloadBytes }) };
      const first = keysetPageSql({ ...spec, conditions: filters.conditions, afterLast: false });
      // The rows of the last key read come again, checkpointed or not: their copies are counted.
      const again = filters.conditions.map((c) => (c === filters.checkpointed ? `(${key.sql} = @last OR ${c})` : c));
      const next = keysetPageSql({ ...spec, conditions: again, afterLast: true });
      yield* keysetPages(async (after, limit) => {
        const params: SqlParam[] = [...filters.params, { name: 'n', type: 'int', value: limit }];
        if (after !== undefined) params.push({ name: 'last', type: key.param, value: after.raw });
        const r = await retryTransient(() => execute<PageRow>(driver, pool, { text: after === undefined ? first : next, params }), request);
        return (r.recordset ?? []).map((row) => ({ raw: row.key, record: recordOf(row, key.integer) }));
      }, request);
    },
    async count(request) {
      const { pool, filters } = await prepare(request);
      const where = filters.conditions.length ? `\nWHERE ${filters.conditions.join('\n  AND ')}` : '';
      const r = await retryTransient(() => execute<{ n: number | string }>(driver, pool, { text: `SELECT COUNT_BIG(*) AS n FROM ${quoteName(table)} t${where}`, params: filters.params }), request);
      const total = Number(r.recordset?.[0]?.n ?? 0);
      return request.limit === undefined ? total : Math.min(total, request.limit);
    },
    async close() {
      await handle.close();
    },
  };
}
