import { describe, expect, it } from 'vitest';
import { mssqlSink } from '../../src/adapters/mssql/index.js';
import { context } from '../adapters/commit-batch.js';
import { fakeMssql } from '../helpers/mssql-fake.js';

describe('reading the SQL Server checkpoint log', () => {
  it('finds terminal keys and attempts (BIGINT keys come back as strings), failed ones only without retryFailed', async () => {
    const fake = fakeMssql().when(/SELECT \[key\], \[attempts\]/, (c) => ({
      recordset: [{ key: '1', attempts: 1 }, ...(/<> N'failed'/.test(c.sql!) ? [] : [{ key: '2', attempts: 3 }])],
    }));
    const sink = mssqlSink({ url: 'mssql://etl:x@db01/loans', schema: 'sandbox', driver: fake.driver });
    await sink.open(context({ createTables: false }));
    expect(await sink.checkpointed([1, 2, 4], false)).toEqual(new Set([1, 2]));
    expect(await sink.checkpointed([1, 2, 4], true)).toEqual(new Set([1]));
    expect(await sink.attempts([1, 2, 4])).toEqual(new Map([[1, 1], [2, 3]]));
    expect(await sink.checkpointed([], false)).toEqual(new Set());
    const [q] = fake.queries().filter((c) => /SELECT \[key\], \[attempts\]/.test(c.sql!));
    expect(q!.sql).toBe(`SELECT [key], [attempts] FROM [sandbox].[processing_log]
WHERE [key] IN (SELECT TRY_CAST(j.[value] AS BIGINT) FROM OPENJSON(@keys) j)`);
    expect(q!.inputs!.keys!.value).toBe('[1,2,4]');
    expect(fake.queries().filter((c) => /SELECT \[key\], \[attempts\]/.test(c.sql!))).toHaveLength(3); // none for no keys
    await sink.close();
  });

  it('keeps the key type of an existing log: text keys stay text', async () => {
    const fake = fakeMssql().columns({ 'sandbox.processing_log.key': 'nvarchar:900' });
    const sink = mssqlSink({ url: 'mssql://etl:x@db01/loans', schema: 'sandbox', driver: fake.driver });
    await sink.open(context({ createTables: false }));
    await sink.checkpointed(['A-1'], false);
    expect(fake.queries().at(-1)!.sql).toContain('TRY_CAST(j.[value] AS NVARCHAR(450))');
    await sink.close();
  });
});
