import { assertTableShape, badWhereError, type TableSourceShape } from '../../source/table-source-check.js';
import { quoteIdent, type SqliteDatabase } from './sqlite-driver.js';

/**
 * Checks a SQLite source before a run: the table (or view) and its key and payload columns
 * exist, and `where` compiles. Preparing a statement compiles it without reading a row.
 */
export function checkSqliteSource(db: SqliteDatabase, shape: TableSourceShape): void {
  const dot = shape.table.lastIndexOf('.');
  const schema = dot < 0 ? 'main' : shape.table.slice(0, dot);
  const name = dot < 0 ? shape.table : shape.table.slice(dot + 1);
  const columns = (db.prepare('SELECT name FROM pragma_table_info(?, ?)').raw(true).all(name, schema) as [string][]).map((r) => r[0]);
  const tables = () =>
    (db.prepare(`SELECT name FROM ${quoteIdent(schema)}.sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`).raw(true).all() as [string][]).map((r) => r[0]);
  assertTableShape(shape, columns.length ? { columns, caseInsensitive: true } : { columns: undefined, tables: safely(tables), caseInsensitive: true });
  if (shape.where === undefined) return;
  try {
    db.prepare(`SELECT 1 FROM ${quoteIdent(shape.table)} t WHERE (${shape.where})`);
  } catch (error) {
    throw badWhereError(shape, error);
  }
}

/** Tables to suggest; an unknown schema has none to list. */
function safely(list: () => string[]): string[] | undefined {
  try {
    return list();
  } catch {
    return undefined;
  }
}
