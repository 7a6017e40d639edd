import type { ColumnDef } from '../../mapper/column.js';
import type { TableSchema } from '../../mapper/table.js';
import type { RowRange } from '../../sink/kept-row-ranges.js';
import { quoteName, type MssqlDriver, type MssqlTable, type MssqlType } from './mssql-driver.js';
import { keyedColumns, textLength } from './mssql-schema.js';

/** Rows [a, b) of a row-major value array. */

/**
 * The driver type of a mapper column, the same as `mssqlType` declares it in the table: the
 * bulk load's column list must match the table's, and an unsized NVARCHAR would be sent as
 * NVARCHAR(4000), which the server will not load into an NVARCHAR(MAX) column.
 */
export function bulkColumnType(driver: MssqlDriver, c: ColumnDef, keyed = false): MssqlType {
  switch (c.type) {
    case 'integer':
      return driver.Int;
    case 'bigint':
      return driver.BigInt;
    case 'number':
      return driver.Float;
    case 'decimal':
      return driver.Decimal(c.precision ?? 18, c.scale ?? 2);
    case 'text': {
      const n = textLength(c, keyed);
      return driver.NVarChar(n === 'max' ? driver.MAX : n);
    }
    case 'boolean':
      return driver.Bit;
    case 'date':
      return driver.Date;
    case 'timestamp':
      return driver.DateTime2(3);
  }
}

/**
 * A mapper's wire value (see `convertCell`) as tedious writes it: booleans (1/0) as true/false,
 * dates ('YYYY-MM-DD') and timestamps (ISO 8601) as Date objects, read as UTC. The rest as is:
 * tedious takes numbers and numeric strings for INT, BIGINT, FLOAT and DECIMAL.
 */
export function bulkValue(c: ColumnDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (c.type) {
    case 'boolean':
      return value === true || value === 1 || value === '1' || value === 'true';
    case 'date':
    case 'timestamp':
      return value instanceof Date ? value : new Date(value as string | number);
    default:
      return value;
  }
}

/** An `mssql.Table` for `request.bulk`: the mapper's columns (types, nullability) and the rows of the ranges. */
export function buildBulkTable(driver: MssqlDriver, table: TableSchema, qualifiedName: string, ranges: readonly RowRange[]): MssqlTable {
  const t = new driver.Table(quoteName(qualifiedName));
  const keyed = keyedColumns(table);
  const cols = table.columns;
  for (const c of cols) t.columns.add(c.name, bulkColumnType(driver, c, keyed.has(c.name)), { nullable: c.nullable });
  const w = cols.length;
  const row = new Array<unknown>(w);
  for (const [values, a, b] of ranges) {
    for (let r = a; r < b; r++) {
      const base = r * w;
      for (let i = 0; i < w; i++) row[i] = bulkValue(cols[i]!, values[base + i]);
      t.rows.add(...row);
    }
  }
  return t;
}
