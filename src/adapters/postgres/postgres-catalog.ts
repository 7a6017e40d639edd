// What the PostgreSQL catalogue says about tables and columns: read by the source, the sink, the
// checkpoint and the queue alike, so none of them imports another for it.
import { quoteIdent, type PgPool } from './postgres-driver.js';

/** A column's SQL type (`bigint`, `text`, `character varying(20)`...), or undefined if the table or column is missing. */
export async function columnType(pool: PgPool, table: string, column: string): Promise<string | undefined> {
  const r = await pool.query<[string]>({
    text: `SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND NOT a.attisdropped`,
    values: [quoteIdent(table), column],
    rowMode: 'array',
  });
  return r.rows[0]?.[0];
}

/** The log's key type, or undefined if the log does not exist yet. */
export function logKeyType(pool: PgPool, logTable: string): Promise<string | undefined> {
  return columnType(pool, logTable, 'key');
}
