import { describe, expect, it } from 'vitest';
import type { SourceRecord } from 'sluice';
import { mssqlQueueSource } from '../../src/adapters/mssql/index.js';
import { fakeMssql } from '../helpers/mssql-fake.js';

const URL = 'mssql://etl:x@db01/loans?schema=sandbox';
const LOG = { kind: 'mssql', database: 'db01:1433/loans', table: 'sandbox.processing_log' };

describe('the SQL Server queue source', () => {
  it('reads the rows of claimed keys, settles keys whose row is gone, and hands back its claims at close', async () => {
    let claims = 0;
    const fake = fakeMssql()
      .columns({ 'dbo.app_xml.app_id': 'int:4', 'sandbox.processing_log.key': 'bigint:8', 'sandbox.sluice_queue.key': 'bigint:8' })
      .when(/@claimed/, () => ({ recordset: ++claims === 1 ? [{ key: '1', status: 'claimed' }, { key: '2', status: 'claimed' }, { key: '3', status: 'dead' }] : [] }))
      .when(/FROM OPENJSON\(@keys\) j\)\n  AND NOT EXISTS/, () => ({ recordset: [{ key: 1, payload: '<a/>' }] }))
      .when(/AS busy/, () => ({ recordset: [{ busy: 0 }] }));
    const source = mssqlQueueSource({ url: URL, queue: 'loans', table: 'dbo.app_xml', owner: 'me', driver: fake.driver });
    expect(source.name).toBe('mssql:db01:1433/loans#sandbox.sluice_queue[loans]');
    const pages: SourceRecord[][] = [];
    for await (const p of source.pages({ pageSize: 10, partition: {}, skip: { log: LOG, retryFailed: false } })) pages.push(p);
    await source.close();
    expect(pages).toEqual([[{ key: 1, payload: '<a/>' }]]);

    const sql = fake.queries().map((c) => c.sql!);
    const read = fake.queries().find((c) => /OPENJSON\(@keys\) j\)\n  AND NOT EXISTS/.test(c.sql!))!;
    expect(read.sql).toContain('WHERE t.[app_id] IN (SELECT CAST(j.[value] AS INT) FROM OPENJSON(@keys) j)');
    expect(read.sql).toContain('NOT EXISTS (SELECT 1 FROM [sandbox].[processing_log] l WHERE l.[key] = t.[app_id])');
    expect(read.inputs!.keys!.value).toBe('["1","2"]'); // the dead-lettered key is not read
    const settle = fake.queries().find((c) => /the source row is gone/.test(c.sql!))!;
    expect(settle.inputs!.keys!.value).toBe('["2"]');
    expect(settle.sql).toContain('EXISTS (SELECT 1 FROM [sandbox].[processing_log] l WHERE l.[key] = q.[key])');
    expect(sql.at(-1)).toMatch(/^UPDATE \[sandbox\]\.\[sluice_queue\] SET \[status\] = N'pending'/);
    expect(fake.trace().at(-1)).toBe('close#pool');
  });

  it('needs its log in the same database and no static partition', async () => {
    const source = mssqlQueueSource({ url: URL, driver: fakeMssql().driver });
    await expect(source.pages({ pageSize: 1, partition: {} })[Symbol.asyncIterator]().next()).rejects.toThrow(/needs its sink \(processing_log\) in the same SQL Server database/);
    await expect(source.pages({ pageSize: 1, partition: { modulo: { index: 0, count: 2 } }, skip: { log: LOG, retryFailed: false } })[Symbol.asyncIterator]().next()).rejects.toThrow(/drop the partition/);
    await source.close();
    expect(() => mssqlQueueSource({ url: URL, leaseMillis: 1000, heartbeatMillis: 1000, driver: fakeMssql().driver })).toThrow('heartbeatMillis (1000) must be less than leaseMillis (1000)');
    expect(() => mssqlQueueSource({ url: URL, leaseMillis: 3_000_000_000, driver: fakeMssql().driver })).toThrow(/leaseMillis must be an integer from 100 to 2147483647/);
  });
});
