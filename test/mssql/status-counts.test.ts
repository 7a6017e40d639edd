import { describe, expect, it } from 'vitest';
import { mssqlStatus } from '../../src/adapters/mssql/index.js';
import { fakeMssql } from '../helpers/mssql-fake.js';

const URL = 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;User Id=etl;Password=x;Schema=sandbox';

describe('sluice status on SQL Server', () => {
  it("counts the log per instance and the queue per state, as the origin system's monitoring queries", async () => {
    const fake = fakeMssql()
      .columns({ 'sandbox.processing_log.key': 'bigint:8', 'sandbox.sluice_queue.key': 'bigint:8' })
      .when(/GROUP BY \[instance_id\], \[instance_count\]/, () => ({
        recordset: [
          { instance_id: 0, instance_count: 3, succeeded: 484, failed: 1, skipped: 0, last: '2025-01-02T14:30:22.123Z' },
          { instance_id: 1, instance_count: 3, succeeded: 482, failed: 1, skipped: 2, last: null },
        ],
      }))
      .when(/AS v, COUNT\(\*\) AS n/, () => ({ recordset: [{ v: null, n: 966 }] }))
      .when(/AS pending/, () => ({ recordset: [{ queue: 'loans', pending: 81, claimed: 10, expired: 2, done: 5, dead: 4 }] }))
      .when(/COUNT\(\*\) AS n FROM/, () => ({ recordset: [{ queue: 'loans', n: 1 }] }))
      .when(/GROUP BY q\.\[queue\], q\.\[lease_owner\]/, () => ({
        recordset: [
          { queue: 'loans', lease_owner: 'a', n: 10, done: 3, claimed_at: '2025-01-02T14:00:00.000Z', expires_at: '2025-01-02T14:01:00.000Z' },
          { queue: 'loans', lease_owner: 'b', n: 0, done: 2, claimed_at: null, expires_at: null },
        ],
      }));
    const s = await mssqlStatus({ url: URL, driver: fake.driver });
    expect(s).toEqual({
      database: 'localhost\\SQLEXPRESS/XmlConversionDB',
      log: { succeeded: 966, failed: 2, skipped: 2 },
      instances: [
        { instanceId: 0, instanceCount: 3, succeeded: 484, failed: 1, skipped: 0, lastFinishedAt: '2025-01-02T14:30:22.123Z' },
        { instanceId: 1, instanceCount: 3, succeeded: 482, failed: 1, skipped: 2, lastFinishedAt: null },
      ],
      versions: [{ mappingVersion: null, succeeded: 966 }],
      queues: [{
        queue: 'loans', pending: 81, claimed: 10, expired: 2, done: 5, dead: 4, failed: 1,
        oldestLease: { owner: 'a', claimedAt: '2025-01-02T14:00:00.000Z', expiresAt: '2025-01-02T14:01:00.000Z' },
        owners: [{ owner: 'a', claimed: 10, done: 3 }, { owner: 'b', claimed: 0, done: 2 }],
      }],
    });
    expect(fake.queries().find((c) => /AS pending/.test(c.sql!))!.sql).toContain("SUM(CASE WHEN q.[status] = N'claimed' AND q.[lease_expires_at] < SYSUTCDATETIME() THEN 1 ELSE 0 END) AS expired");
    expect(fake.trace().at(-1)).toBe('close#pool');
  });

  it('gives zero counts and no queues before anything was created', async () => {
    const s = await mssqlStatus({ url: URL, driver: fakeMssql().driver });
    expect(s).toEqual({ database: 'localhost\\SQLEXPRESS/XmlConversionDB', log: { succeeded: 0, failed: 0, skipped: 0 }, instances: [], versions: [], queues: [] });
  });
});
