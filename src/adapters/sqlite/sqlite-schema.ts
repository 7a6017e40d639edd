import type { KeyKind } from '../../core/record.js';
import type { ColumnType } from '../../mapper/column.js';
import type { TableSchema } from '../../mapper/table.js';
import { quoteIdent, type SqliteDatabase } from './sqlite-driver.js';
import { columnType, tableExists } from './sqlite-catalog.js';

const TYPES: Record<ColumnType, string> = {
  integer: 'INTEGER',
  bigint: 'INTEGER',
  number: 'REAL',
  // Exact: NUMERIC affinity would turn '36000.00' into 36000 and lose the scale.
  decimal: 'TEXT',
  text: 'TEXT',
  boolean: 'INTEGER',
  date: 'TEXT',
  timestamp: 'TEXT',
};

/** CREATE TABLE / INDEX statements for the mapper's tables. */
export function sqliteTableDdl(table: TableSchema): string[] {
  const cols = table.columns.map((c) => `  ${quoteIdent(c.name)} ${TYPES[c.type]}${c.nullable ? '' : ' NOT NULL'}`);
  if (table.primaryKey.length) cols.push(`  PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(', ')})`);
  const out = [`CREATE TABLE IF NOT EXISTS ${quoteIdent(table.name)} (\n${cols.join(',\n')}\n)`];
  table.indexes.forEach((ix) => {
    const name = `${table.name}_${ix.join('_')}_idx`;
    out.push(`CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(table.name)} (${ix.map(quoteIdent).join(', ')})`);
  });
  return out;
}

/**
 * The checkpoint table, its `key` declared with the source key's kind: INTEGER stores integer
 * keys as integers (never `46.0`, exact to 64 bits), TEXT keeps text keys such as `007` as text.
 * Of unknown kind, `key` has no declared type and every key is stored as it is bound.
 */
export function sqliteLogDdl(logTable: string, keyKind?: KeyKind): string[] {
  const t = quoteIdent(logTable);
  const type = keyKind === 'integer' ? ' INTEGER' : keyKind === 'text' ? ' TEXT' : '';
  return [
    `CREATE TABLE IF NOT EXISTS ${t} (
  "key"${type} PRIMARY KEY NOT NULL,
  "status" TEXT NOT NULL CHECK ("status" IN ('succeeded', 'failed', 'skipped')),
  "attempts" INTEGER NOT NULL DEFAULT 1,
  "error" TEXT,
  "instance_id" INTEGER NOT NULL DEFAULT 0,
  "instance_count" INTEGER NOT NULL DEFAULT 1,
  "run_id" TEXT,
  "started_at" TEXT,
  "finished_at" TEXT,
  "mapping_version" TEXT
) WITHOUT ROWID`,
    `CREATE INDEX IF NOT EXISTS ${quoteIdent(`${logTable}_status_idx`)} ON ${t} ("status")`,
  ];
}

/**
 * Adds `mapping_version` to a log created before it existed (NULL in old entries: loaded by an
 * unknown, older version). Run in the transaction that opens the sink, so two writers do it once.
 */
export function migrateSqliteLog(db: SqliteDatabase, logTable: string): void {
  if (tableExists(db, logTable) && columnType(db, logTable, 'mapping_version') === undefined) db.exec(`ALTER TABLE ${quoteIdent(logTable)} ADD COLUMN "mapping_version" TEXT`);
}
