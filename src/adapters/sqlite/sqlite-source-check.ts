import { assertTableShape, badWhereError, type TableSourceShape } from '../../source/table-source-check.js';
import { quoteIdent, type SqliteDatabase } from './sqlite-driver.js';
import { columnsOf, schemaOf, tableNames } from './sqlite-catalog.js';

/**
 * Checks a SQLite source before a run: the table (or view) and its key and payload columns
 * exist, and `where` compiles. Preparing a statement compiles it without reading a row.
 */
export function checkSqliteSource(db: SqliteDatabase, shape: TableSourceShape): void {
  const columns = columnsOf(db, shape.table).map((c) => c.name);
  const tables = () => tableNames(db, schemaOf(shape.table));
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
