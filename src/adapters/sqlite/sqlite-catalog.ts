// What the SQLite catalogue says about tables and columns: read by the source, its check, the
// sink's log migration and the status alike, so none of them writes its own pragma query.
import { quoteIdent, type SqliteDatabase } from './sqlite-driver.js';

/** `schema.table` as pragma_table_info takes it: `main` unless the name says otherwise. */
function schemaAndName(table: string): { schema: string; name: string } {
  const dot = table.lastIndexOf('.');
  return dot < 0 ? { schema: 'main', name: table } : { schema: table.slice(0, dot), name: table.slice(dot + 1) };
}

/** A table's (or view's) columns and their declared types, in order; none if it does not exist. */
export function columnsOf(db: SqliteDatabase, table: string): { name: string; type: string }[] {
  const { schema, name } = schemaAndName(table);
  return db.prepare('SELECT name, type FROM pragma_table_info(?, ?)').all(name, schema) as { name: string; type: string }[];
}

/** A column's declared type (`INTEGER`, `TEXT`, `` for none), or undefined if the table or column is missing. */
export function columnType(db: SqliteDatabase, table: string, column: string): string | undefined {
  return columnsOf(db, table).find((c) => c.name === column)?.type;
}

/** Whether the table (or view) exists. */
export function tableExists(db: SqliteDatabase, table: string): boolean {
  return columnsOf(db, table).length > 0;
}

/** The tables and views of a schema (`main` unless given), by name; throws for an unknown schema. */
export function tableNames(db: SqliteDatabase, schema = 'main'): string[] {
  return (db.prepare(`SELECT name FROM ${quoteIdent(schema)}.sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`).raw(true).all() as [string][]).map((r) => r[0]);
}

/** The schema a table name points to: what `tableNames` lists to suggest another table. */
export function schemaOf(table: string): string {
  return schemaAndName(table).schema;
}
