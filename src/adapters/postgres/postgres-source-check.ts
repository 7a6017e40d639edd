import { assertTableShape, badWhereError, type TableSourceShape } from '../../source/table-source-check.js';
import { quoteIdent, type PgPool } from './postgres-driver.js';
import { classifyPostgresError, retryTransient } from './postgres-errors.js';

/** insufficient_privilege: the table is there but not readable, which no `where` could fix. */
const NO_PRIVILEGE = '42501';

/**
 * Checks a PostgreSQL source before a run: the table (or view) and its key and payload columns
 * exist, and `where` is valid SQL on it (a query that returns no row, planned but not run).
 */
export async function checkPostgresSource(pool: PgPool, shape: TableSourceShape): Promise<void> {
  const table = quoteIdent(shape.table);
  const r = await retryTransient(() =>
    pool.query<[string | null, string[]]>({
      text: `SELECT to_regclass($1)::text, array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)`,
      values: [table],
      rowMode: 'array',
    }),
  );
  const [found, columns] = r.rows[0] ?? [null, []];
  assertTableShape(shape, found === null ? { columns: undefined, tables: await tablesIn(pool, shape.table), caseInsensitive: false } : { columns, caseInsensitive: false });
  if (shape.where === undefined) return;
  try {
    await retryTransient(() => pool.query({ text: `SELECT 1 FROM ${table} t WHERE (${shape.where}) LIMIT 0` }));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (classifyPostgresError(error) === 'transient' || code === NO_PRIVILEGE) throw error;
    throw badWhereError(shape, error);
  }
}

/** Tables and views of the schema the name points to (its own, or the first of the search_path). */
async function tablesIn(pool: PgPool, name: string): Promise<string[]> {
  const dot = name.lastIndexOf('.');
  const schema = dot < 0 ? null : name.slice(0, dot).replace(/^"|"$/g, '');
  const r = await retryTransient(() =>
    pool.query<[string]>({
      text: `SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = coalesce($1, current_schema()) AND c.relkind IN ('r', 'v', 'm', 'p', 'f') ORDER BY 1 LIMIT 13`,
      values: [schema],
      rowMode: 'array',
    }),
  );
  return r.rows.map((row) => row[0]);
}
