import { describe, expect, it } from 'vitest';
import { mssqlSink } from '../../src/adapters/mssql/index.js';
import { context } from '../adapters/commit-batch.js';
import { fakeMssql } from '../helpers/mssql-fake.js';

const URL = 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;User Id=etl;Password=x;Schema=sandbox';

describe('a SQL Server processing_log made before mapping versions', () => {
  it('gains the column when a sink opens it, under the DDL lock, once', async () => {
    const fake = fakeMssql().columns({ 'sandbox.processing_log.key': 'bigint:8' });
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context({ createTables: false }));
    const migration = fake.calls.filter((c) => c.on === 1);
    expect(migration.map((c) => c.op)).toEqual(['begin', 'query', 'query', 'commit']);
    expect(migration[1]!.sql).toMatch(/sp_getapplock @Resource = N'sluice:ddl'/);
    expect(migration[2]!.sql).toBe(
      "IF OBJECT_ID(N'[sandbox].[processing_log]', N'U') IS NOT NULL AND COL_LENGTH(N'[sandbox].[processing_log]', N'mapping_version') IS NULL\nALTER TABLE [sandbox].[processing_log] ADD [mapping_version] NVARCHAR(64) NULL",
    );
    await sink.close();
  });

  it('is left alone when it has the column', async () => {
    const fake = fakeMssql().columns({ 'sandbox.processing_log.key': 'bigint:8', 'sandbox.processing_log.mapping_version': 'nvarchar:128' });
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context({ createTables: false }));
    expect(fake.calls.filter((c) => c.op === 'begin')).toEqual([]);
    await sink.close();
  });
});
