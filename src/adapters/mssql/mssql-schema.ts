import type { ColumnDef } from '../../mapper/column.js';
import type { TableSchema } from '../../mapper/table.js';
import { execute, inTransaction, nameParts, nstring, quoteName, type MssqlDriver, type MssqlPool } from './mssql-driver.js';
import { qualify } from '../../core/qualified-name.js';

/** Type of the `key` column of `processing_log` and the queue: match the source's key. */
export type MssqlKeyType = 'bigint' | 'text';

/** The T-SQL type of a key column: index keys are limited to 900 bytes, so text is NVARCHAR(450). */
export function keySqlType(keyType: MssqlKeyType): string {
  return keyType === 'bigint' ? 'BIGINT' : 'NVARCHAR(450)';
}

/** bigint for an integer column type, text for anything else; undefined when there is no column. */
export function asKeyType(sqlType: string | undefined): MssqlKeyType | undefined {
  if (!sqlType) return undefined;
  return isIntegerType(sqlType) ? 'bigint' : 'text';
}

/** tinyint, smallint, int, bigint. */
export function isIntegerType(sqlType: string): boolean {
  return /^(tinyint|smallint|int|bigint)$/i.test(sqlType);
}

/**
 * Length of a text column: `maxLength` up to 4000 (the longest sized NVARCHAR), else MAX. A
 * key or index column cannot be MAX, so an unsized one there is NVARCHAR(450) (900 bytes).
 */
export function textLength(c: Pick<ColumnDef, 'maxLength'>, keyed: boolean): number | 'max' {
  if (c.maxLength !== undefined && c.maxLength <= 4000) return c.maxLength;
  return keyed && c.maxLength === undefined ? 450 : 'max';
}

/** Columns of a table that are part of its primary key or of an index. */
export function keyedColumns(table: Pick<TableSchema, 'primaryKey' | 'indexes'>): Set<string> {
  return new Set([...table.primaryKey, ...table.indexes.flat()]);
}

/** The T-SQL type of a mapper column. Timestamps are UTC instants in DATETIME2(3) (milliseconds, as JavaScript has). */
export function mssqlType(c: ColumnDef, keyed = false): string {
  switch (c.type) {
    case 'integer':
      return 'INT';
    case 'bigint':
      return 'BIGINT';
    case 'number':
      return 'FLOAT';
    case 'decimal':
      return `DECIMAL(${c.precision ?? 18},${c.scale ?? 2})`;
    case 'text':
      return `NVARCHAR(${String(textLength(c, keyed)).toUpperCase()})`;
    case 'boolean':
      return 'BIT';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'DATETIME2(3)';
  }
}

/** `schema.table` → `table`: index names live in the table's schema and are not qualified. */
export function baseName(table: string): string {
  return nameParts(table).at(-1)!;
}

/** CREATE SCHEMA must be alone in its batch: run it through EXEC, only if missing. */
function schemaDdl(table: string): string[] {
  const parts = nameParts(table);
  if (parts.length < 2) return [];
  const schema = parts.at(-2)!;
  return [`IF SCHEMA_ID(${nstring(schema)}) IS NULL EXEC(${nstring(`CREATE SCHEMA ${quoteName(schema)}`)})`];
}

function createTable(name: string, body: string[]): string {
  return `IF OBJECT_ID(${nstring(quoteName(name))}, N'U') IS NULL\nCREATE TABLE ${quoteName(name)} (\n${body.map((l) => `  ${l}`).join(',\n')}\n)`;
}

function createIndex(table: string, index: string, definition: string): string {
  return `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(${nstring(quoteName(table))}) AND name = ${nstring(index)})\nCREATE INDEX ${quoteName(index)} ON ${quoteName(table)} ${definition}`;
}

/** CREATE TABLE / INDEX statements for one of the mapper's tables (`name` may be schema-qualified). */
export function mssqlTableDdl(table: TableSchema, name = table.name): string[] {
  const keyed = keyedColumns(table);
  const cols = table.columns.map((c) => `${quoteName(c.name)} ${mssqlType(c, keyed.has(c.name))} ${c.nullable ? 'NULL' : 'NOT NULL'}`);
  if (table.primaryKey.length) cols.push(`PRIMARY KEY (${table.primaryKey.map(quoteName).join(', ')})`);
  const out = [...schemaDdl(name), createTable(name, cols)];
  for (const ix of table.indexes) out.push(createIndex(name, `${baseName(name)}_${ix.join('_')}_idx`, `(${ix.map(quoteName).join(', ')})`));
  return out;
}

/** The checkpoint table, with the index that resume (`status`) and per-instance monitoring use. Times are UTC. */
export function mssqlLogDdl(logTable: string, keyType: MssqlKeyType = 'bigint'): string[] {
  return [
    ...schemaDdl(logTable),
    createTable(logTable, [
      `[key] ${keySqlType(keyType)} NOT NULL PRIMARY KEY`,
      `[status] NVARCHAR(16) NOT NULL CHECK ([status] IN (N'succeeded', N'failed', N'skipped'))`,
      '[attempts] INT NOT NULL DEFAULT 1',
      '[error] NVARCHAR(MAX) NULL',
      '[instance_id] INT NOT NULL DEFAULT 0',
      '[instance_count] INT NOT NULL DEFAULT 1',
      '[run_id] NVARCHAR(100) NULL',
      '[started_at] DATETIME2(3) NULL',
      '[finished_at] DATETIME2(3) NULL',
      '[mapping_version] NVARCHAR(64) NULL',
    ]),
    createIndex(logTable, `${baseName(logTable)}_status_idx`, '([status], [instance_id])'),
  ];
}

/**
 * Adds `mapping_version` to a log created before it existed (NULL in old entries: loaded by an
 * unknown, older version). Idempotent; run under the DDL lock (`applyMssqlSchema`).
 */
export function mssqlLogMigration(logTable: string): string {
  return `IF OBJECT_ID(${nstring(quoteName(logTable))}, N'U') IS NOT NULL AND COL_LENGTH(${nstring(quoteName(logTable))}, N'mapping_version') IS NULL
ALTER TABLE ${quoteName(logTable)} ADD [mapping_version] NVARCHAR(64) NULL`;
}

/**
 * The claim queue's work table. Filtered indexes keep claims cheap however many items are done:
 * pending items in claim order, claimed items by lease expiry (reclaim) and by owner (heartbeat).
 */
export function mssqlQueueDdl(queueTable: string, keyType: MssqlKeyType = 'bigint'): string[] {
  const b = baseName(queueTable);
  return [
    ...schemaDdl(queueTable),
    createTable(queueTable, [
      `[queue] NVARCHAR(200) NOT NULL DEFAULT N'default'`,
      `[key] ${keySqlType(keyType)} NOT NULL`,
      '[priority] INT NOT NULL DEFAULT 0',
      `[status] NVARCHAR(16) NOT NULL DEFAULT N'pending' CHECK ([status] IN (N'pending', N'claimed', N'done', N'dead'))`,
      '[attempts] INT NOT NULL DEFAULT 0',
      '[lease_owner] NVARCHAR(200) NULL',
      '[lease_expires_at] DATETIME2(3) NULL',
      '[last_error] NVARCHAR(MAX) NULL',
      '[enqueued_at] DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME()',
      '[updated_at] DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME()',
      'PRIMARY KEY ([queue], [key])',
    ]),
    createIndex(queueTable, `${b}_pending_idx`, `([queue], [priority] DESC, [key]) WHERE [status] = N'pending'`),
    createIndex(queueTable, `${b}_lease_idx`, `([queue], [lease_expires_at]) WHERE [status] = N'claimed'`),
    createIndex(queueTable, `${b}_owner_idx`, `([lease_owner]) WHERE [status] = N'claimed'`),
  ];
}

/**
 * Serialises DDL between processes (concurrent `IF ... CREATE TABLE` can collide): an application
 * lock held until the transaction ends. sp_getapplock reports a timeout by its return code, not an error.
 */
export const DDL_LOCK_SQL = `DECLARE @lock INT;
EXEC @lock = sp_getapplock @Resource = N'sluice:ddl', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 60000;
IF @lock < 0 THROW 50000, N'sluice: another process has held the DDL lock (sluice:ddl) for 60 s; try again', 1;`;

/** What `sluice init` creates: the mapper's tables, the log and (optionally) the queue. */
export interface MssqlInitSpec {
  readonly tables: readonly TableSchema[];
  /** Schema of the tables unless they are qualified. @default the login's default schema (dbo) */
  readonly schema?: string;
  /** @default 'processing_log' */
  readonly logTable?: string;
  /** @default 'bigint' */
  readonly keyType?: MssqlKeyType;
  /** The queue's work table; none if undefined. */
  readonly queueTable?: string;
}

/** Every DDL statement of `sluice init`, in order, idempotent (IF ... IS NULL / IF NOT EXISTS). */
export function mssqlInitStatements(spec: MssqlInitSpec): string[] {
  const q = (name: string) => qualify(name, spec.schema, nameParts);
  const all = [
    ...spec.tables.flatMap((t) => mssqlTableDdl(t, q(t.name))),
    ...mssqlLogDdl(q(spec.logTable ?? 'processing_log'), spec.keyType),
    ...(spec.queueTable ? mssqlQueueDdl(q(spec.queueTable), spec.keyType) : []),
  ];
  return [...new Set(all)]; // one CREATE SCHEMA, not one per table
}

/**
 * Runs DDL statements in one transaction under the DDL lock: all of them or none, and never two
 * processes at once.
 */
export async function applyMssqlSchema(driver: MssqlDriver, pool: MssqlPool, statements: readonly string[]): Promise<void> {
  await inTransaction(driver, pool, async (tx) => {
    await execute(driver, tx, { text: DDL_LOCK_SQL, params: [] });
    for (const s of statements) await execute(driver, tx, { text: s, params: [] });
  });
}
