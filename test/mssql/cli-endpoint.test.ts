import { describe, expect, it } from 'vitest';
import { endpointFor } from '../../src/cli/endpoints.js';
import { mssqlQueueRunEndpoints } from '../../src/cli/mssql-endpoint.js';
import { formatStatus } from '../../src/cli/status-command.js';
import type { MssqlStatus } from '../../src/adapters/mssql/index.js';

const ORIGIN = 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;User Id=etl;Password=hunter2;Schema=sandbox';

describe('SQL Server on the command line', () => {
  it('takes connection strings and mssql:// URLs for --source and --sink (real mssql driver, not connected)', async () => {
    for (const url of [ORIGIN, 'mssql://etl:hunter2@localhost/XmlConversionDB?instanceName=SQLEXPRESS&schema=sandbox']) {
      const e = endpointFor(url, '--sink');
      const source = e.source(url, { table: 'dbo.app_xml', key: 'app_id', payload: 'xml', where: 'xml IS NOT NULL AND DATALENGTH(xml) > 100' });
      const unqualified = e.source(url, { table: 'app_xml', key: 'app_id', payload: 'xml' });
      const sink = e.sink(url, { logTable: 'processing_log', poolMin: 4, poolMax: 20 });
      expect([source.name, unqualified.name, sink.name]).toEqual([
        'mssql:localhost\\SQLEXPRESS/XmlConversionDB#dbo.app_xml',
        'mssql:localhost\\SQLEXPRESS/XmlConversionDB#sandbox.app_xml',
        'mssql:localhost\\SQLEXPRESS/XmlConversionDB',
      ]);
      expect(sink.checkpoint).toEqual({ kind: 'mssql', database: 'localhost\\SQLEXPRESS/XmlConversionDB', table: 'sandbox.processing_log' });
      expect(source.canSkip(sink.checkpoint)).toBe(true);
      await Promise.all([source.close(), unqualified.close(), sink.close()]);
    }
  });

  it('pairs a queue source and a sink in the same database for run --queue', async () => {
    const flags = { source: ORIGIN, sink: ORIGIN, queue: 'loans', table: 'dbo.app_xml', key: 'app_id', payload: 'xml', poolMax: 8 };
    const { source, sink } = mssqlQueueRunEndpoints(flags);
    expect([source.name, sink.name]).toEqual(['mssql:localhost\\SQLEXPRESS/XmlConversionDB#sandbox.sluice_queue[loans]', 'mssql:localhost\\SQLEXPRESS/XmlConversionDB']);
    await Promise.all([source.close(), sink.close()]);
    expect(() => mssqlQueueRunEndpoints({ ...flags, sink: ORIGIN.replace('XmlConversionDB', 'Other') })).toThrow(/same SQL Server database/);
    expect(() => mssqlQueueRunEndpoints({ ...flags, sink: 'sqlite:x.db' })).toThrow(/needs SQL Server for both --source and --sink/);
  });

  it('prints status as for PostgreSQL, named mssql:', () => {
    const s: MssqlStatus = {
      database: 'localhost\\SQLEXPRESS/XmlConversionDB',
      log: { succeeded: 1452, failed: 3, skipped: 0 },
      instances: [0, 1, 2].map((i) => ({ instanceId: i, instanceCount: 3, succeeded: 484, failed: 1, skipped: 0, lastFinishedAt: '2025-01-02T14:30:22.123Z' })),
      versions: [],
      queues: [],
    };
    expect(formatStatus(s, 'mssql').split('\n').slice(0, 3)).toEqual([
      'mssql:localhost\\SQLEXPRESS/XmlConversionDB',
      'processing_log: 1,452 succeeded, 3 failed, 0 skipped',
      '  instance 0/3: 484 succeeded, 1 failed, 0 skipped; last commit 2025-01-02T14:30:22.123Z',
    ]);
  });
});
