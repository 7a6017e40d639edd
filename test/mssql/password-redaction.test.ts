import { describe, expect, it } from 'vitest';
import { mssqlSink, mssqlSource, mssqlStatus } from '../../src/adapters/mssql/index.js';
import { fakeMssql } from '../helpers/mssql-fake.js';
import { driverError } from '../helpers/mssql-errors.js';

const ADO = 'Server=db01\\LOANS;Database=XmlConversionDB;User Id=etl;Password=Tr0ub4dor&3;Schema=sandbox';
const URL_FORM = 'mssql://etl:Tr0ub4dor%263@db01:1433/XmlConversionDB?schema=sandbox';

describe('SQL Server passwords', () => {
  it('never appear in names, checkpoint locations or the config as logged', async () => {
    const fake = fakeMssql();
    for (const url of [ADO, URL_FORM]) {
      const sink = mssqlSink({ url, driver: fake.driver });
      const source = mssqlSource({ url, table: 'dbo.app_xml', driver: fake.driver });
      expect(JSON.stringify([sink.name, sink.checkpoint, source.name])).not.toMatch(/Tr0ub4dor/);
      await Promise.all([sink.close(), source.close()]);
    }
    expect(mssqlSink({ url: ADO, driver: fake.driver }).checkpoint).toEqual({ kind: 'mssql', database: 'db01\\LOANS/XmlConversionDB', table: 'sandbox.processing_log' });
    // The driver still gets the password; printing or serialising the config does not show it.
    expect(fake.configs[0]!.password).toBe('Tr0ub4dor&3');
    expect(JSON.stringify(fake.configs)).not.toMatch(/Tr0ub4dor/);
    expect(Object.keys(fake.configs[0]!)).not.toContain('password');
  });

  it('never appear in a connection error, even one that echoes them', async () => {
    const fake = fakeMssql().when('connect', () => {
      throw driverError('connection', 'ELOGIN', "Login failed for user 'etl' with password Tr0ub4dor&3.");
    });
    const error = await mssqlStatus({ url: ADO, driver: fake.driver }).then(() => undefined, (e: Error) => e);
    expect(error).toMatchObject({ name: 'SluiceConnectionError' });
    expect(error!.message).toMatch(/^cannot use mssql:db01\\LOANS\/XmlConversionDB: Login failed for user 'etl' with password \*\*\*\./);
    expect(error!.message).not.toMatch(/Tr0ub4dor/);
  });
});
