import type { TableSchema } from '../../mapper/table.js';
import { quoteName } from './mssql-driver.js';
import { keyedColumns, mssqlType } from './mssql-schema.js';

/**
 * `DELETE FROM table WHERE keyColumn IN (keys of @keys, a JSON array)`: a reprocessed record's
 * previous rows, one statement per table and batch. The keys are cast to the column's own type,
 * so the column's index is used. `table.keyColumn` must be set (the flow checks it first).
 */
export function tableDeleteSql(table: TableSchema, qualifiedName: string): string {
  const column = table.columns.find((c) => c.name === table.keyColumn)!;
  const type = mssqlType(column, keyedColumns(table).has(column.name));
  return `DELETE FROM ${quoteName(qualifiedName)} WHERE ${quoteName(column.name)} IN (SELECT TRY_CAST(j.[value] AS ${type}) FROM OPENJSON(@keys) j)`;
}
