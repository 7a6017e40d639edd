import { assertTableShape, badWhereError, type TableSourceShape } from '../../source/table-source-check.js';
import { execute, quoteName, type MssqlDriver, type MssqlPool } from './mssql-driver.js';
import { classifyMssqlError, retryTransient } from './mssql-errors.js';

/** Permission denied on an object, a column or a database: the table is there, no `where` could fix it. */
const NO_PERMISSION = new Set([229, 230, 262, 297, 300]);

/**
 * Checks a SQL Server source before a run: the table (or view) and its key and payload columns
 * exist, and `where` compiles on it (a `TOP (0)` query, which reads no row).
 */
export async function checkMssqlSource(driver: MssqlDriver, pool: MssqlPool, shape: TableSourceShape): Promise<void> {
  const table = quoteName(shape.table);
  const r = await retryTransient(() =>
    execute<{ name: string }>(driver, pool, {
      text: 'SELECT c.name FROM sys.columns c WHERE c.object_id = OBJECT_ID(@table) ORDER BY c.column_id',
      params: [{ name: 'table', type: 'nvarchar(4000)', value: table }],
    }),
  );
  const columns = (r.recordset ?? []).map((row) => row.name);
  assertTableShape(shape, columns.length ? { columns, caseInsensitive: true } : { columns: undefined, tables: await tablesIn(driver, pool, shape.table), caseInsensitive: true });
  if (shape.where === undefined) return;
  try {
    await retryTransient(() => execute(driver, pool, { text: `SELECT TOP (0) 1 AS [x] FROM ${table} t WHERE (${shape.where})`, params: [] }));
  } catch (error) {
    const number = (error as { number?: unknown }).number;
    if (classifyMssqlError(error) === 'transient' || (typeof number === 'number' && NO_PERMISSION.has(number))) throw error;
    throw badWhereError(shape, error);
  }
}

/** Tables and views of the schema the name points to (its own, or the user's default schema). */
async function tablesIn(driver: MssqlDriver, pool: MssqlPool, name: string): Promise<string[]> {
  const parts = quoteName(name).split('.');
  const schema = parts.length > 1 ? parts[parts.length - 2]!.slice(1, -1).replace(/]]/g, ']') : null;
  const r = await retryTransient(() =>
    execute<{ name: string }>(driver, pool, {
      text: `SELECT TOP (13) o.name FROM sys.objects o WHERE o.type IN ('U', 'V') AND o.schema_id = CASE WHEN @schema IS NULL THEN SCHEMA_ID() ELSE SCHEMA_ID(@schema) END ORDER BY o.name`,
      params: [{ name: 'schema', type: 'nvarchar(4000)', value: schema }],
    }),
  );
  return (r.recordset ?? []).map((row) => row.name);
}
