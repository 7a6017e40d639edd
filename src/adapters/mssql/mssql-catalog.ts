// What the SQL Server catalogue says about tables and columns, and the connection they are read
// through: used by the source, the sink, the checkpoint and the queue alike, so none of them
// imports another for it.
import { SluiceConfigError } from '../../core/errors.js';
import { execute, quoteName, type MssqlDriver, type MssqlHandle, type MssqlPool, type SqlParamType } from './mssql-driver.js';
import type { ReadRetry } from '../../core/retry.js';
import { reachError, retryTransient } from './mssql-errors.js';
import { isIntegerType } from './mssql-schema.js';

/** A column's type as sys.columns has it. */
export interface ColumnInfo {
  /** `int`, `bigint`, `nvarchar`, `xml`, ... */
  readonly type: string;
  /** Bytes; -1 for MAX. */
  readonly maxLength: number;
}

/** The key column of a read: its SQL, the parameter type that compares with it without a conversion, and whether it is an integer. */
export interface KeyColumn {
  readonly sql: string;
  readonly param: SqlParamType;
  readonly integer: boolean;
}

/** A column's type, or undefined if the table or the column is missing. */
export async function columnInfo(driver: MssqlDriver, pool: MssqlPool, table: string, column: string): Promise<ColumnInfo | undefined> {
  const r = await execute<{ type: string; max_length: number }>(driver, pool, {
    text: 'SELECT TYPE_NAME(c.system_type_id) AS [type], c.max_length FROM sys.columns c WHERE c.object_id = OBJECT_ID(@table) AND c.name = @column',
    params: [
      { name: 'table', type: 'nvarchar(4000)', value: quoteName(table) },
      { name: 'column', type: 'nvarchar(4000)', value: column },
    ],
  });
  const row = r.recordset?.[0];
  return row ? { type: row.type, maxLength: Number(row.max_length) } : undefined;
}

/**
 * The parameter type matching a column: an NVARCHAR parameter against a VARCHAR key would
 * convert the column and turn every keyset seek into a scan.
 */
export function paramTypeOf(info: ColumnInfo): SqlParamType {
  const t = info.type.toLowerCase();
  if (t === 'tinyint' || t === 'smallint' || t === 'int' || t === 'bigint') return t;
  const len = info.maxLength;
  if (t === 'varchar' || t === 'char') return len < 0 ? 'varchar(max)' : `varchar(${len})`;
  if (t === 'nvarchar' || t === 'nchar') return len < 0 ? 'nvarchar(max)' : `nvarchar(${len / 2})`;
  return 'nvarchar(4000)';
}

/** The key column of `table`, checked to exist: a wrong name fails before any work with a clear message. */
export async function keyColumnOf(driver: MssqlDriver, pool: MssqlPool, table: string, column: string): Promise<KeyColumn> {
  const info = await columnInfo(driver, pool, table, column);
  if (!info) throw new SluiceConfigError(`source table ${table} has no column ${column} (or does not exist); check table (--table) and keyColumn (--key)`, 'table');
  return { sql: `t.${quoteName(column)}`, param: paramTypeOf(info), integer: isIntegerType(info.type) };
}

/** The log's key type, or undefined if the log does not exist yet. */
export async function logKeyType(driver: MssqlDriver, pool: MssqlPool, logTable: string): Promise<string | undefined> {
  return (await columnInfo(driver, pool, logTable, 'key'))?.type;
}

/** `l.[key] = <t's key>`, converting the source key when the log's key type differs. */
export function logKeyMatch(key: KeyColumn, logType: string): string {
  if (isIntegerType(logType)) return `l.[key] = ${key.integer ? key.sql : `TRY_CAST(${key.sql} AS BIGINT)`}`;
  return `l.[key] = ${key.integer ? `CAST(${key.sql} AS NVARCHAR(450))` : key.sql}`;
}

/** Connects (retrying as `retry` says, for a source's read request), naming the database (never the connection string) if it cannot be reached. */
export async function connected(handle: MssqlHandle, retry?: ReadRetry): Promise<MssqlPool> {
  try {
    return await retryTransient(() => handle.connect(), retry);
  } catch (error) {
    throw reachError(handle.identity, error);
  }
}
