import { describe, expect, it } from 'vitest';
import { modulo } from 'sluice';
import { mssqlEnqueue } from '../../src/adapters/mssql/index.js';
import { fakeMssql } from '../helpers/mssql-fake.js';

const URL = 'mssql://etl:x@db01/loans?schema=sandbox';

describe('sluice enqueue on SQL Server', () => {
  it('creates the queue, then adds keys in keyset pages, leaving queued keys alone', async () => {
    const pages = [{ last: '3', seen: 3, added: 2 }, { last: '5', seen: 2, added: 2 }];
    const fake = fakeMssql()
      .columns({ 'dbo.app_xml.app_id': 'int:4' })
      .when(/DECLARE @page TABLE/, () => ({ recordset: [pages.shift()!] }))
      .when(/SET \[status\] = N'pending', \[attempts\] = 0/, () => ({ rowsAffected: [4] }));
    const r = await mssqlEnqueue({
      url: URL, table: 'dbo.app_xml', queue: 'loans', pageSize: 3, partition: modulo(0, 2), where: 'xml IS NOT NULL',
      priorityExpression: 'CASE WHEN t.app_id > 95 THEN 1 END', requeueDead: true, driver: fake.driver,
    });
    expect(r).toEqual({ seen: 5, enqueued: 4, requeued: 4 });
    expect(fake.calls.filter((c) => c.on === 1 && c.op === 'query').some((c) => /CREATE TABLE \[sandbox\]\.\[sluice_queue\]/.test(c.sql!))).toBe(true);
    const [first, second] = fake.queries().filter((c) => /DECLARE @page/.test(c.sql!));
    expect(first!.sql).toBe(`DECLARE @page TABLE ([k] BIGINT NOT NULL, [p] INT NOT NULL);
INSERT INTO @page ([k], [p])
SELECT TOP (@n) t.[app_id], COALESCE(CAST((CASE WHEN t.app_id > 95 THEN 1 END) AS INT), @priority) FROM [dbo].[app_xml] t
WHERE t.[app_id] IS NOT NULL
  AND (t.[app_id] % @p_count) = @p_index
  AND (xml IS NOT NULL)
ORDER BY t.[app_id];
INSERT INTO [sandbox].[sluice_queue] ([queue], [key], [priority])
SELECT @queue, s.[k], s.[p] FROM @page s
WHERE NOT EXISTS (SELECT 1 FROM [sandbox].[sluice_queue] q WITH (UPDLOCK, HOLDLOCK) WHERE q.[queue] = @queue AND q.[key] = s.[k]);
DECLARE @added INT = @@ROWCOUNT;
SELECT (SELECT MAX([k]) FROM @page) AS [last], (SELECT COUNT(*) FROM @page) AS [seen], @added AS [added];`);
    expect(second!.sql).toContain('WHERE t.[app_id] > @last\n  AND t.[app_id] IS NOT NULL\n  AND (t.[app_id] % @p_count) = @p_index');
    expect(second!.inputs!.last!.value).toBe('3');
    expect(fake.trace().at(-1)).toBe('close#pool');
  });
});
