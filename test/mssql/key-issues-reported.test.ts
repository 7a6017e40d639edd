import { describe, expect, it } from 'vitest';
import type { RecordKey, SourceRecord } from 'sluice';
import { mssqlSource } from '../../src/adapters/mssql/index.js';
import { fakeMssql, type FakeCall } from '../helpers/mssql-fake.js';

const URL = 'mssql://etl:x@db01/loans';

/**
 * A fake dbo.app_xml(app_id INT) without a unique key, answering page queries as the server
 * would: keys ≥ @last (its rows without their documents) in key order, @n of them; two NULL keys.
 */
function table(keys: readonly number[]) {
  const sorted = [...keys].sort((a, b) => a - b);
  return fakeMssql()
    .columns({ 'dbo.app_xml.app_id': 'int:4' })
    .when(/IS NULL/, () => ({ recordset: [{ n: '2' }] }))
    .when(/SELECT TOP \(@n\)/, (c: FakeCall) => {
      const last = c.inputs!.last?.value as number | undefined;
      const rows = sorted.filter((k) => last === undefined || k >= last).slice(0, Number(c.inputs!.n!.value));
      return { recordset: rows.map((k) => ({ key: k, payload: k === last ? null : `<App id="${k}"/>` })) };
    });
}

describe('a SQL Server source with NULL and repeated keys', () => {
  it('reads each key once, leaves NULL keys out in T-SQL, and reports both', async () => {
    // Page size 4: key 4 ends the first page and repeats in the next; key 6 repeats within a page.
    const fake = table([...Array.from({ length: 12 }, (_, i) => i + 1), 4, 6, 4]);
    const source = mssqlSource({ url: URL, table: 'dbo.app_xml', driver: fake.driver });
    const issues = { nulls: 0, duplicates: [] as RecordKey[] };
    const records: SourceRecord[] = [];
    const keyIssues = { nullKeys: (n: number) => void (issues.nulls += n), duplicate: (k: RecordKey) => void issues.duplicates.push(k) };
    for await (const page of source.pages({ pageSize: 4, partition: {}, keyIssues })) records.push(...page);
    await source.close();

    expect(records.map((r) => r.key)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(records.every((r) => r.payload === `<App id="${r.key}"/>`)).toBe(true);
    expect(issues).toEqual({ nulls: 2, duplicates: [4, 4, 6] });
    const pages = fake.queries().filter((c) => /SELECT TOP/.test(c.sql!));
    expect(pages.every((c) => /t\.\[app_id\] IS NOT NULL/.test(c.sql!))).toBe(true);
    expect(fake.queries().find((c) => /IS NULL\b/.test(c.sql!) && /COUNT_BIG/.test(c.sql!))!.sql).toBe('SELECT COUNT_BIG(*) AS n FROM [dbo].[app_xml] t WHERE t.[app_id] IS NULL');
  });
});
