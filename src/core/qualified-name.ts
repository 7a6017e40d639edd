/**
 * Splits a table name into its parts (`schema.table` → `['schema', 'table']`) by one SQL
 * dialect's quoting rules, so that a dot inside a quoted part does not split it. Each adapter
 * supplies its own: PostgreSQL's double quotes, SQL Server's brackets.
 */
export type NameParts = (name: string) => string[];

/**
 * `name` in `schema`, unless it is qualified already. Whether it is, the dialect's `nameParts`
 * tells: `"a.b"` (PostgreSQL) and `[a.b]` (SQL Server) are one part, so they go into `schema`.
 */
export function qualify(name: string, schema: string | undefined, nameParts: NameParts): string {
  return schema && nameParts(name).length === 1 ? `${schema}.${name}` : name;
}
