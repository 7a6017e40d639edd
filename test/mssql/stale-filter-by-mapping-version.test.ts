import { describe, expect, it } from 'vitest';
import { mssqlSink, mssqlSource } from '../../src/adapters/mssql/index.js';
import { context } from '../adapters/commit-batch.js';
import { fakeMssql } from '../helpers/mssql-fake.js';

const URL = 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;User Id=etl;Password=x';
const LOG = { kind: 'mssql', database: 'localhost\\SQLEXPRESS/XmlConversionDB', table: 'sandbox.processing_log' };

describe('reprocess --stale on SQL Server', () => {
  it('the source leaves out only records whose log entry has the current mapping version, as a parameter', async () => {
    const fake = fakeMssql().columns({ 'dbo.app_xml.app_id': 'int:4', 'sandbox.processing_log.key': 'bigint:8' });
    const source = mssqlSource({ url: URL, table: 'dbo.app_xml', driver: fake.driver });
    for await (const _ of source.pages({ pageSize: 10, partition: {}, skip: { log: LOG, retryFailed: false, mappingVersion: "v2'; --" } })) break;
    await source.close();
    const q = fake.queries().find((c) => /SELECT TOP \(@n\)/.test(c.sql!))!;
    expect(q.sql).toContain('NOT EXISTS (SELECT 1 FROM [sandbox].[processing_log] l WHERE l.[key] = t.[app_id] AND l.[mapping_version] = @p_version)');
    expect(q.inputs!.p_version!.value).toBe("v2'; --");
  });

  it('the sink finds the keys a given mapping version logged', async () => {
    const fake = fakeMssql().when(/SELECT \[key\], \[attempts\]/, () => ({ recordset: [{ key: '1', attempts: 2 }] }));
    const sink = mssqlSink({ url: 'mssql://etl:x@db01/loans', schema: 'sandbox', driver: fake.driver });
    await sink.open(context({ createTables: false }));
    expect(await sink.checkpointed([1, 2], false, 'v2')).toEqual(new Set([1]));
    const q = fake.queries().at(-1)!;
    expect(q.sql).toMatch(/ AND \[mapping_version\] = @version$/);
    expect(q.inputs!.version!.value).toBe('v2');
    await sink.close();
  });
});
