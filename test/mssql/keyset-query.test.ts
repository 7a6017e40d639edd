import mssql from 'mssql';
import { describe, expect, it } from 'vitest';
import { keyRange, modulo } from 'sluice';
import { mssqlSource } from '../../src/adapters/mssql/index.js';
import { keysetPageSql } from '../../src/adapters/mssql/mssql-source.js';
import type { KeyColumn } from '../../src/adapters/mssql/mssql-catalog.js';
import { fakeMssql } from '../helpers/mssql-fake.js';

const URL = 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;User Id=etl;Password=x';
const LOG = { kind: 'mssql', database: 'localhost\\SQLEXPRESS/XmlConversionDB', table: 'sandbox.processing_log' };
const ORIGIN_FILTER = 'xml IS NOT NULL AND DATALENGTH(xml) > 100';

/** The first page query of a source over dbo.app_xml(app_id INT, xml XML), and its parameters. */
async function firstPage(request: Parameters<ReturnType<typeof mssqlSource>['pages']>[0], where?: string, logKey = 'bigint') {
  const fake = fakeMssql().columns({ 'dbo.app_xml.app_id': 'int:4', 'sandbox.processing_log.key': `${logKey}:8` });
  const source = mssqlSource({ url: URL, table: 'dbo.app_xml', driver: fake.driver, ...(where && { where }) });
  for await (const _ of source.pages(request)) break;
  await source.close();
  const q = fake.queries().find((c) => /SELECT TOP \(@n\)/.test(c.sql!))!;
  return { sql: q.sql!, params: Object.fromEntries(Object.entries(q.inputs!).map(([k, v]) => [k, v.value])) };
}

describe('the keyset page query', () => {
  it('reads the payload as NVARCHAR(MAX) (XML is serialised by the server) in key order, from the last key again without its payload', () => {
    const key: KeyColumn = { sql: 't.[app_id]', param: 'int', integer: true };
    expect(keysetPageSql({ table: 'dbo.app_xml', key, payloadColumn: 'xml', conditions: [], afterLast: true })).toBe(`SELECT TOP (@n) t.[app_id] AS [key], CASE WHEN t.[app_id] = @last THEN NULL ELSE sp.[sluice_payload] END AS [payload]
FROM [dbo].[app_xml] t
CROSS APPLY (SELECT CAST(t.[xml] AS NVARCHAR(MAX)) AS [sluice_payload]) AS sp
WHERE t.[app_id] >= @last
ORDER BY t.[app_id]`);
  });

  it("puts the origin system's filter, the partition and the resume filter in T-SQL", async () => {
    const { sql, params } = await firstPage({ pageSize: 50, partition: { ...modulo(1, 3), ...keyRange(60_001, 120_000) }, skip: { log: LOG, retryFailed: false } }, ORIGIN_FILTER);
    expect(sql).toBe(`SELECT TOP (@n) t.[app_id] AS [key], sp.[sluice_payload] AS [payload]
FROM [dbo].[app_xml] t
CROSS APPLY (SELECT CAST(t.[xml] AS NVARCHAR(MAX)) AS [sluice_payload]) AS sp
WHERE t.[app_id] IS NOT NULL
  AND (t.[app_id] % @p_count) = @p_index
  AND t.[app_id] >= @p_start
  AND t.[app_id] <= @p_end
  AND (xml IS NOT NULL AND DATALENGTH(xml) > 100)
  AND NOT EXISTS (SELECT 1 FROM [sandbox].[processing_log] l WHERE l.[key] = t.[app_id])
ORDER BY t.[app_id]`);
    expect(params).toEqual({ p_count: 3, p_index: 1, p_start: 60_001, p_end: 120_000, n: 50 });
  });

  it('reads failed records again with retryFailed', async () => {
    const { sql } = await firstPage({ pageSize: 10, partition: {}, skip: { log: LOG, retryFailed: true } });
    expect(sql).toContain("NOT EXISTS (SELECT 1 FROM [sandbox].[processing_log] l WHERE l.[key] = t.[app_id] AND l.[status] <> N'failed')");
  });

  it('converts the key when the log keys are text', async () => {
    const { sql } = await firstPage({ pageSize: 10, partition: {}, skip: { log: LOG, retryFailed: false } }, undefined, 'nvarchar:900');
    expect(sql).toContain('l.[key] = CAST(t.[app_id] AS NVARCHAR(450))');
  });

  it('leaves the resume filter out when the log does not exist yet: only NULL keys are left out', async () => {
    const fake = fakeMssql().columns({ 'dbo.app_xml.app_id': 'int:4' });
    const source = mssqlSource({ url: URL, table: 'dbo.app_xml', driver: fake.driver });
    for await (const _ of source.pages({ pageSize: 10, partition: {}, skip: { log: LOG, retryFailed: false } })) break;
    expect(fake.queries().at(-1)!.sql).toMatch(/\nWHERE t\.\[app_id\] IS NOT NULL\nORDER BY/);
    await source.close();
  });

  it('withholds documents certainly larger than the limit, by DATALENGTH, without sending them', async () => {
    const { sql } = await firstPage({ pageSize: 10, partition: {}, maxPayloadBytes: 16 * 1024 * 1024 });
    expect(sql).toContain('CASE WHEN DATALENGTH(sp.[sluice_payload]) > 33554432 THEN NULL ELSE sp.[sluice_payload] END AS [payload], DATALENGTH(sp.[sluice_payload]) AS [bytes]');
  });

  it('compares a VARCHAR key with a VARCHAR parameter, so the seek stays a seek', async () => {
    const fake = fakeMssql().columns({ 'dbo.app_xml.app_code': 'varchar:20' });
    const source = mssqlSource({ url: URL, table: 'dbo.app_xml', keyColumn: 'app_code', driver: fake.driver });
    for await (const _ of source.pages({ pageSize: 10, partition: keyRange('A', 'M') })) break;
    const p = fake.queries().at(-1)!.inputs!;
    expect(p.p_start!.type).toEqual({ type: mssql.VarChar, length: 20 });
    await source.close();
  });

  it('partitions a text key by the hash of its UTF-8 bytes (textKeyHash), VARCHAR and NVARCHAR alike', async () => {
    for (const type of ['nvarchar:40', 'varchar:20']) {
      const fake = fakeMssql().columns({ 'dbo.app_xml.app_code': type });
      const source = mssqlSource({ url: URL, table: 'dbo.app_xml', keyColumn: 'app_code', driver: fake.driver });
      for await (const _ of source.pages({ pageSize: 10, partition: modulo(1, 4) })) break;
      const q = fake.queries().at(-1)!;
      expect(q.sql).toContain(
        "AND (CONVERT(BIGINT, CONVERT(BINARY(4), HASHBYTES('SHA2_256', CONVERT(VARCHAR(MAX), CONVERT(NVARCHAR(MAX), t.[app_code]) COLLATE Latin1_General_100_BIN2_UTF8)))) % @p_count) = @p_index",
      );
      expect([q.inputs!.p_count!.value, q.inputs!.p_index!.value]).toEqual([4, 1]);
      await source.close();
    }
  });

  it('names a missing table or key column', async () => {
    const fake = fakeMssql();
    const source = mssqlSource({ url: URL, table: 'dbo.app_xml', driver: fake.driver });
    await expect(source.count!({ partition: {} })).rejects.toThrow('source table dbo.app_xml has no column app_id (or does not exist); check table (--table) and keyColumn (--key)');
    await source.close();
  });
});
