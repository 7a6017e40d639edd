import { describe, expect, it } from 'vitest';
import { claimItems, extendLeases, releaseLeases, type ClaimSpec } from '../../src/adapters/mssql/index.js';
import { claimStatement, othersBusy } from '../../src/adapters/mssql/mssql-claim-queue.js';
import { fakeMssql } from '../helpers/mssql-fake.js';

const SPEC: ClaimSpec = { table: 'sandbox.sluice_queue', queue: 'loans', owner: 'host-a:4242:9f3a1c', leaseMillis: 30_000, maxAttempts: 3, keyType: 'bigint' };
const values = (inputs: Record<string, { value: unknown }>) => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value]));

describe('the SQL Server claim statement', () => {
  const { text, params } = claimStatement(SPEC, 100);
  const [expired, pending] = text.split('DECLARE @left INT = @n - @@ROWCOUNT;');

  it('claims expired leases first, then pending items by priority and key, skipping rows others hold', () => {
    expect(expired).toContain(`WITH expired AS (
  SELECT TOP (@n) * FROM [sandbox].[sluice_queue] WITH (ROWLOCK, READPAST, UPDLOCK)
  WHERE [queue] = @queue AND [status] = N'claimed' AND [lease_expires_at] < SYSUTCDATETIME()
  ORDER BY [lease_expires_at]
)
UPDATE expired SET`);
    expect(pending).toContain(`WITH pending AS (
  SELECT TOP (@left) * FROM [sandbox].[sluice_queue] WITH (ROWLOCK, READPAST, UPDLOCK)
  WHERE [queue] = @queue AND [status] = N'pending'
  ORDER BY [priority] DESC, [key]
)
UPDATE pending SET`);
    expect(text.endsWith('SELECT [key], [status] FROM @claimed;')).toBe(true);
    expect(text.match(/OUTPUT inserted\.\[key\], inserted\.\[status\] INTO @claimed;/g)).toHaveLength(2);
  });

  it('leases each item to its owner and counts the attempt, or dead-letters it past maxAttempts', () => {
    for (const part of [expired!, pending!]) {
      expect(part).toContain("[status] = CASE WHEN [attempts] >= @max_attempts THEN N'dead' ELSE N'claimed' END");
      expect(part).toContain('[attempts] = CASE WHEN [attempts] >= @max_attempts THEN [attempts] ELSE [attempts] + 1 END');
      expect(part).toContain('[lease_owner] = CASE WHEN [attempts] >= @max_attempts THEN NULL ELSE @owner END');
      expect(part).toContain('[lease_expires_at] = CASE WHEN [attempts] >= @max_attempts THEN NULL ELSE DATEADD(millisecond, @lease_millis, SYSUTCDATETIME()) END');
      expect(part).toContain("THEN N'gave up after ' + CAST([attempts] AS NVARCHAR(11)) + N' attempts: each lease expired before the record was committed (process died or hung)'");
    }
    expect(params.map((p) => [p.name, p.type, p.value])).toEqual([
      ['queue', 'nvarchar(200)', 'loans'], ['n', 'int', 100], ['owner', 'nvarchar(200)', 'host-a:4242:9f3a1c'], ['lease_millis', 'int', 30_000], ['max_attempts', 'int', 3],
    ]);
    expect(claimStatement({ ...SPEC, keyType: 'text' }, 1).text).toMatch(/^DECLARE @claimed TABLE \(\[key\] NVARCHAR\(450\) NOT NULL/);
  });

  it('returns the claimed and dead-lettered items; heartbeats and a clean stop touch only this owner\'s claims', async () => {
    const fake = fakeMssql()
      .when(/@claimed/, () => ({ recordset: [{ key: '7', status: 'claimed' }, { key: '9', status: 'dead' }] }))
      .when(/SET \[lease_expires_at\] = DATEADD/, () => ({ rowsAffected: [12] }))
      .when(/SET \[status\] = N'pending'/, () => ({ rowsAffected: [5] }))
      .when(/THEN 1 ELSE 0 END AS busy/, () => ({ recordset: [{ busy: 1 }] }));
    const pool = new fake.driver.ConnectionPool({ server: 'h', options: {} });
    expect(await claimItems(fake.driver, pool, SPEC, 10)).toEqual([{ key: '7', status: 'claimed' }, { key: '9', status: 'dead' }]);
    expect(await extendLeases(fake.driver, pool, SPEC)).toBe(12);
    expect(await releaseLeases(fake.driver, pool, SPEC)).toBe(5);
    expect(await othersBusy(fake.driver, pool, SPEC)).toBe(true);
    const [, extend, release, busy] = fake.queries();
    expect(extend!.sql).toBe(`UPDATE [sandbox].[sluice_queue] SET [lease_expires_at] = DATEADD(millisecond, @lease_millis, SYSUTCDATETIME())
WHERE [lease_owner] = @owner AND [status] = N'claimed'`);
    expect(values(extend!.inputs!)).toEqual({ owner: 'host-a:4242:9f3a1c', lease_millis: 30_000 });
    expect(release!.sql).toBe(`UPDATE [sandbox].[sluice_queue] SET [status] = N'pending', [lease_owner] = NULL, [lease_expires_at] = NULL, [updated_at] = SYSUTCDATETIME()
WHERE [lease_owner] = @owner AND [status] = N'claimed'`);
    expect(busy!.sql).toContain("[status] = N'claimed' AND ([lease_owner] IS NULL OR [lease_owner] <> @owner)");
  });
});
