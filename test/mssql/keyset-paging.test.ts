import { describe, expect, it } from 'vitest';
import type { SourceRecord } from 'sluice';
import { mssqlSource } from '../../src/adapters/mssql/index.js';
import { fakeMssql, type FakeCall } from '../helpers/mssql-fake.js';

const URL = 'mssql://etl:x@db01/loans';

/** A fake table dbo.app_xml(app_id BIGINT) of keys 1..n, answering page queries from @last (again, without its payload) and @n. */
function table(n: number, payload = (k: number) => `<App id="${k}"/>`) {
  return fakeMssql()
    .columns({ 'dbo.app_xml.app_id': 'bigint:8' })
    .when(/SELECT TOP \(@n\)/, (c: FakeCall) => {
      const from = Number(c.inputs!.last?.value ?? 1);
      const keys = Array.from({ length: Math.max(0, Math.min(Number(c.inputs!.n!.value), n - from + 1)) }, (_, i) => from + i);
      const last = c.inputs!.last?.value;
      return { recordset: keys.map((k) => ({ key: String(k), payload: String(k) === last ? null : payload(k) })) }; // BIGINT arrives as a string
    })
    .when(/COUNT_BIG/, () => ({ recordset: [{ n: String(n) }] }));
}

async function collect(pages: AsyncIterable<SourceRecord[]>) {
  const out: SourceRecord[][] = [];
  for await (const p of pages) out.push(p);
  return out;
}

describe('keyset paging on SQL Server', () => {
  it('asks for pages after the last key, and stops at a short page', async () => {
    const fake = table(250);
    const source = mssqlSource({ url: URL, table: 'dbo.app_xml', driver: fake.driver });
    const pages = await collect(source.pages({ pageSize: 100, partition: {} }));
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(pages[0]![0]).toEqual({ key: 1, payload: '<App id="1"/>' });
    expect(fake.queries().filter((c) => /TOP/.test(c.sql!)).map((c) => [c.inputs!.last?.value, c.inputs!.n!.value, />= @last/.test(c.sql!)])).toEqual([
      [undefined, 100, false],
      ['100', 101, true],
      ['200', 101, true],
    ]);
    await source.close();
  });

  it('honours limit, and counts with the same filters', async () => {
    const fake = table(250);
    const source = mssqlSource({ url: URL, table: 'dbo.app_xml', driver: fake.driver });
    expect((await collect(source.pages({ pageSize: 20, partition: {}, limit: 30 }))).map((p) => p.length)).toEqual([20, 10]);
    expect(await source.count!({ partition: {} })).toBe(250);
    expect(await source.count!({ partition: {}, limit: 7 })).toBe(7);
    expect(fake.queries().find((c) => /COUNT_BIG/.test(c.sql!))!.sql).toBe('SELECT COUNT_BIG(*) AS n FROM [dbo].[app_xml] t\nWHERE t.[app_id] IS NOT NULL');
    await source.close();
  });

  it('queries a page only when it is pulled', async () => {
    const fake = table(100);
    const source = mssqlSource({ url: URL, table: 'dbo.app_xml', driver: fake.driver });
    const it = source.pages({ pageSize: 10, partition: {} })[Symbol.asyncIterator]();
    expect((await it.next()).value).toHaveLength(10);
    await it.return?.();
    expect(fake.queries().filter((c) => /TOP/.test(c.sql!))).toHaveLength(1);
    await source.close();
  });

  it('marks a withheld document with its size instead of reading it', async () => {
    const fake = fakeMssql()
      .columns({ 'dbo.app_xml.app_id': 'int:4' })
      .when(/SELECT TOP \(@n\)/, () => ({ recordset: [{ key: 7, payload: '<a/>', bytes: 8 }, { key: 8, payload: null, bytes: 400_000_000 }] }));
    const source = mssqlSource({ url: URL, table: 'dbo.app_xml', driver: fake.driver });
    const [page] = await collect(source.pages({ pageSize: 10, partition: {}, maxPayloadBytes: 1000 }));
    expect(page).toEqual([{ key: 7, payload: '<a/>' }, { key: 8, payload: '', withheldBytes: 200_000_000 }]);
    await source.close();
  });

  it('names itself by database and table, and skips in SQL only for a log in the same database', async () => {
    const source = mssqlSource({ url: URL, table: 'dbo.app_xml', driver: fakeMssql().driver });
    expect(source.name).toBe('mssql:db01:1433/loans#dbo.app_xml');
    expect(source.canSkip({ kind: 'mssql', database: 'db01:1433/loans', table: 'sandbox.processing_log' })).toBe(true);
    expect(source.canSkip({ kind: 'mssql', database: 'db02:1433/loans', table: 'processing_log' })).toBe(false);
    expect(source.canSkip({ kind: 'postgres', database: 'db01:1433/loans', table: 'processing_log' })).toBe(false);
    await source.close();
  });
});
