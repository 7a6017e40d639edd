import { createRequire } from 'node:module';
import mssql from 'mssql';
import { describe, expect, it } from 'vitest';
import { loadMssqlDriver, openMssql, type MssqlPool, type MssqlRequest, type MssqlTable, type MssqlTransaction } from '../../src/adapters/mssql/index.js';
import { fakeMssql } from '../helpers/mssql-fake.js';

const resolvable = (id: string) => {
  try {
    createRequire(import.meta.url).resolve(id);
    return true;
  } catch {
    return false;
  }
};

describe('loading the mssql driver', () => {
  it('loads the real mssql module, whose classes have the shape the adapter declares', () => {
    const driver = loadMssqlDriver();
    expect(driver).toBe(mssql);
    // Compile-time: instances of the real classes fit the structural subset the adapter calls.
    const pool: MssqlPool = new mssql.ConnectionPool({ server: 'localhost' });
    const tx: MssqlTransaction = new mssql.Transaction(pool as mssql.ConnectionPool);
    const request: MssqlRequest = new mssql.Request(tx as mssql.Transaction);
    const table: MssqlTable = new mssql.Table('[dbo].[t]');
    expect([pool, tx, request, table].map((x) => x.constructor)).toEqual([driver.ConnectionPool, driver.Transaction, driver.Request, driver.Table]);
    for (const type of ['TinyInt', 'SmallInt', 'Int', 'BigInt', 'Float', 'Bit', 'Date', 'NVarChar', 'VarChar', 'Decimal', 'DateTime2'] as const) expect(typeof driver[type]).toBe('function');
    expect(driver.MAX).toBe(65535);
  });

  it('says how to get msnodesqlv8 when Trusted_Connection=yes needs it', () => {
    const missing = () => {
      throw Object.assign(new Error("Cannot find module 'msnodesqlv8'"), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => loadMssqlDriver('msnodesqlv8', missing)).toThrow(/Trusted_Connection=yes \(Windows authentication\) needs the msnodesqlv8 driver, which is not installed: run `npm install mssql msnodesqlv8`/);
    expect(() => loadMssqlDriver('tedious', missing)).toThrow('the SQL Server adapter needs mssql: run `npm install mssql`');
  });

  it.skipIf(resolvable('msnodesqlv8'))('selects msnodesqlv8 for Trusted_Connection=yes (not installed here)', () => {
    expect(() => openMssql({ url: 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;Trusted_Connection=yes' })).toThrow(
      expect.objectContaining({ name: 'SluiceConnectionError', message: expect.stringMatching(/needs the msnodesqlv8 driver/) }),
    );
  });

  it('hands msnodesqlv8 a config that adds TrustServerCertificate to its ODBC string', () => {
    const fake = fakeMssql();
    openMssql({ url: 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;Trusted_Connection=yes;TrustServerCertificate=yes;Driver={ODBC Driver 18 for SQL Server}', driver: fake.driver });
    const config = fake.configs[0]!;
    expect(config).toMatchObject({ driver: 'ODBC Driver 18 for SQL Server', options: { trustedConnection: true, instanceName: 'SQLEXPRESS' } });
    const cfg = { conn_str: 'Driver={ODBC Driver 18 for SQL Server};Server={localhost\\SQLEXPRESS};Database={XmlConversionDB};Trusted_Connection={true};Encrypt={false}' };
    config.beforeConnect!(cfg);
    expect(cfg.conn_str).toMatch(/Encrypt=\{false\};TrustServerCertificate=yes;$/);
  });
});
