import type { ColumnType } from '../../mapper/column.js';
import type { TableSchema } from '../../mapper/table.js';
import { quoteIdent } from './sqlite-driver.js';

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

/** The checkpoint table. `key` has no declared type, so integer and text keys both compare natively. */
export function sqliteLogDdl(logTable: string): string[] {
  const t = quoteIdent(logTable);
  return [
    `CREATE TABLE IF NOT EXISTS ${t} (
  "key" PRIMARY KEY NOT NULL,
  "status" TEXT NOT NULL CHECK ("status" IN ('succeeded', 'failed', 'skipped')),
  "attempts" INTEGER NOT NULL DEFAULT 1,
  "error" TEXT,
  "instance_id" INTEGER NOT NULL DEFAULT 0,
  "instance_count" INTEGER NOT NULL DEFAULT 1,
  "run_id" TEXT,
  "started_at" TEXT,
  "finished_at" TEXT
) WITHOUT ROWID`,
    `CREATE INDEX IF NOT EXISTS ${quoteIdent(`${logTable}_status_idx`)} ON ${t} ("status")`,
  ];
}
