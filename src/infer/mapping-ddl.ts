import { mssqlTableDdl } from '../adapters/mssql/mssql-schema.js';
import { postgresTableDdl } from '../adapters/postgres/postgres-schema.js';
import { sqliteTableDdl } from '../adapters/sqlite/sqlite-schema.js';
import { defineMapping, type MappingSpec } from '../mapper/define-mapping.js';
import { toSchemas } from '../mapper/table.js';
import type { SqlDialect } from './sql-names.js';

const TABLE_DDL = { sqlite: sqliteTableDdl, postgres: postgresTableDdl, mssql: mssqlTableDdl } as const;

/** The CREATE TABLE statements a sink of this dialect runs for the mapping's tables: the adapters' own. */
export function mappingDdl(mapping: MappingSpec, dialect: SqlDialect): string[] {
  const ddl = TABLE_DDL[dialect];
  return toSchemas(defineMapping(mapping).tables).flatMap((t) => ddl(t));
}
