import { randomBytes } from 'node:crypto';
import mssql from 'mssql';
import { parseMssqlConnection } from '../../src/adapters/mssql/index.js';
import { personXml } from './people.js';

/**
 * The SQL Server the integration tests use, if any. Nothing here starts one: CI does not run
 * these tests; docs/sqlserver.md says how to run them against a server of your own.
 */
export const MSSQL_URL = process.env.SLUICE_MSSQL_URL;

/** Why the SQL Server tests cannot run, or undefined when SLUICE_MSSQL_URL is set. */
export function mssqlUnavailable(): string | undefined {
  return MSSQL_URL ? undefined : 'SLUICE_MSSQL_URL is not set; SQL Server tests run only against a server you provide (docs/sqlserver.md)';
}

/** A schema of its own for one test file, dropped with its tables by `drop()`. */
export interface MssqlScratch {
  readonly schema: string;
  readonly pool: mssql.ConnectionPool;
  /** Runs a query written for the contract tests: `key` is bracketed, bare table names go to the scratch schema. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** `app_xml(app_id BIGINT PRIMARY KEY, xml NVARCHAR(MAX))` with documents 1..n. */
  seed(n: number, make?: (id: number) => string): Promise<void>;
  drop(): Promise<void>;
}

/**
 * The contract tests' SQL is written once for every adapter; T-SQL differs in three places:
 * KEY is reserved, there is no search_path, and TEXT is not a type to CAST to.
 */
export function toTsql(sql: string, schema: string): string {
  return sql
    .replace(/\bkey\b/g, '[key]')
    .replace(/\bFROM (\w+)/g, (_m, t: string) => `FROM [${schema}].[${t}]`)
    .replace(/\bUPDATE (\w+)/g, (_m, t: string) => `UPDATE [${schema}].[${t}]`)
    .replace(/CAST\((\w+) AS TEXT\)/gi, 'CAST($1 AS NVARCHAR(30))');
}

export async function mssqlScratch(prefix: string): Promise<MssqlScratch> {
  const schema = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const pool = new mssql.ConnectionPool(parseMssqlConnection(MSSQL_URL!).config as mssql.config);
  pool.on('error', () => {});
  await pool.connect();
  await pool.request().batch(`CREATE SCHEMA [${schema}]`);
  return {
    schema,
    pool,
    async query(sql) {
      return (await pool.request().query(toTsql(sql, schema))).recordset ?? [];
    },
    async seed(n, make = (id) => personXml(id)) {
      const t = new mssql.Table(`[${schema}].[app_xml]`);
      t.create = true;
      t.columns.add('app_id', mssql.BigInt, { nullable: false, primary: true });
      t.columns.add('xml', mssql.NVarChar(mssql.MAX), { nullable: true });
      for (let id = 1; id <= n; id++) t.rows.add(id, make(id));
      await pool.request().bulk(t);
    },
    async drop() {
      await pool
        .request()
        .input('schema', mssql.NVarChar(128), schema)
        .query(`DECLARE @sql NVARCHAR(MAX) = N'';
SELECT @sql += N'DROP TABLE ' + QUOTENAME(@schema) + N'.' + QUOTENAME(t.name) + N';' FROM sys.tables t WHERE t.schema_id = SCHEMA_ID(@schema);
SET @sql += N'DROP SCHEMA ' + QUOTENAME(@schema) + N';';
EXEC sp_executesql @sql;`)
        .catch(() => {});
      await pool.close();
    },
  };
}
