import { DEFAULT_LOG_TABLE } from '../../checkpoint/processing-log.js';
import type { InstanceStatus } from '../../checkpoint/instance-status.js';
import { queueStatuses, type QueueStatus } from '../../checkpoint/queue-status.js';
import type { LoadStatus, StatusTableOptions } from '../../checkpoint/load-status.js';
import type { VersionCount } from '../../checkpoint/version-count.js';
import { DEFAULT_QUEUE_TABLE } from './mssql-claim-queue.js';
import { nameParts, execute, openMssql, quoteName, type MssqlConnectionOptions, type MssqlDriver, type MssqlPool, type SqlParam } from './mssql-driver.js';
import { qualify } from '../../core/qualified-name.js';
import { reachError } from './mssql-errors.js';
import { columnInfo, connected, logKeyMatch } from './mssql-catalog.js';
import { isIntegerType } from './mssql-schema.js';

/** Everything `sluice status` shows, the same as for PostgreSQL. */
export type MssqlStatus = LoadStatus;

/** Options of `mssqlStatus` (`schema` defaults to the URL's, else the login's default schema). */
export interface MssqlStatusOptions extends MssqlConnectionOptions, StatusTableOptions {}

/** `CONVERT(... 126)` is ISO 8601 without a zone; the columns hold UTC. */
const iso = (expr: string) => `CONVERT(NVARCHAR(30), ${expr}, 126) + N'Z'`;
const countIf = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

/**
 * Progress of a load from the database alone, as the origin system's monitoring queries: log
 * counts per status and per instance, queue items per state, the oldest lease, work per owner.
 *
 * @example
 * ```ts
 * const s = await mssqlStatus({ url: 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;Trusted_Connection=yes', schema: 'sandbox' });
 * console.log(s.instances); // per --instance-id: succeeded, failed, skipped, last commit
 * ```
 */
export async function mssqlStatus(options: MssqlStatusOptions): Promise<MssqlStatus> {
  const handle = openMssql(options, { poolMax: 1 });
  const schema = options.schema ?? handle.schema;
  try {
    const pool = await connected(handle);
    const { driver } = handle;
    const log = qualify(options.logTable ?? DEFAULT_LOG_TABLE, schema, nameParts);
    const queueTable = qualify(options.queueTable ?? DEFAULT_QUEUE_TABLE, schema, nameParts);
    const logKey = await columnInfo(driver, pool, log, 'key');
    const queueKey = await columnInfo(driver, pool, queueTable, 'key');
    const instances = logKey ? await instanceCounts(driver, pool, log) : [];
    const sum = (k: 'succeeded' | 'failed' | 'skipped') => instances.reduce((a, i) => a + i[k], 0);
    return {
      database: handle.identity,
      log: { succeeded: sum('succeeded'), failed: sum('failed'), skipped: sum('skipped') },
      instances,
      versions: logKey ? await versionCounts(driver, pool, log) : [],
      queues: queueKey ? await queueCounts(driver, pool, queueTable, isIntegerType(queueKey.type), logKey && { table: log, type: logKey.type }, options.queue) : [],
    };
  } catch (error) {
    throw reachError(handle.identity, error);
  } finally {
    await handle.close();
  }
}

async function versionCounts(driver: MssqlDriver, pool: MssqlPool, log: string): Promise<VersionCount[]> {
  // A log no run has opened since mapping_version came has no such column: all of unknown version.
  const versioned = (await columnInfo(driver, pool, log, 'mapping_version')) !== undefined;
  const from = `FROM ${quoteName(log)} WHERE [status] = N'succeeded'`;
  const r = await execute<{ v: string | null; n: unknown }>(driver, pool, {
    // T-SQL cannot GROUP BY a constant: the unversioned log is one group, if it has any row.
    text: versioned
      ? `SELECT [mapping_version] AS v, COUNT(*) AS n ${from} GROUP BY [mapping_version] ORDER BY COUNT(*) DESC`
      : `SELECT CAST(NULL AS NVARCHAR(64)) AS v, COUNT(*) AS n ${from} HAVING COUNT(*) > 0`,
    params: [],
  });
  return (r.recordset ?? []).map((x) => ({ mappingVersion: x.v ?? null, succeeded: Number(x.n) }));
}

async function instanceCounts(driver: MssqlDriver, pool: MssqlPool, log: string): Promise<InstanceStatus[]> {
  const r = await execute<Record<string, unknown>>(driver, pool, {
    text: `SELECT [instance_id], [instance_count], ${countIf(`[status] = N'succeeded'`)} AS succeeded, ${countIf(`[status] = N'failed'`)} AS failed,
  ${countIf(`[status] = N'skipped'`)} AS skipped, ${iso('MAX([finished_at])')} AS [last]
FROM ${quoteName(log)} GROUP BY [instance_id], [instance_count] ORDER BY [instance_count], [instance_id]`,
    params: [],
  });
  return (r.recordset ?? []).map((x) => ({
    instanceId: Number(x.instance_id),
    instanceCount: Number(x.instance_count),
    succeeded: Number(x.succeeded),
    failed: Number(x.failed),
    skipped: Number(x.skipped),
    lastFinishedAt: typeof x.last === 'string' ? x.last : null,
  }));
}

async function queueCounts(
  driver: MssqlDriver,
  pool: MssqlPool,
  table: string,
  integerKey: boolean,
  log: { table: string; type: string } | undefined,
  only: string | undefined,
): Promise<QueueStatus[]> {
  const q = quoteName(table);
  const params: SqlParam[] = only === undefined ? [] : [{ name: 'queue', type: 'nvarchar(200)', value: only }];
  const onlyQueue = only === undefined ? '' : 'AND q.[queue] = @queue';
  const counts = await execute<Record<string, unknown>>(driver, pool, {
    text: `SELECT q.[queue], ${countIf(`q.[status] = N'pending'`)} AS pending,
  ${countIf(`q.[status] = N'claimed' AND q.[lease_expires_at] >= SYSUTCDATETIME()`)} AS claimed,
  ${countIf(`q.[status] = N'claimed' AND q.[lease_expires_at] < SYSUTCDATETIME()`)} AS expired,
  ${countIf(`q.[status] = N'done'`)} AS done, ${countIf(`q.[status] = N'dead'`)} AS dead
FROM ${q} q WHERE 1 = 1 ${onlyQueue} GROUP BY q.[queue] ORDER BY q.[queue]`,
    params,
  });
  const failed = log
    ? await execute<{ queue: string; n: number }>(driver, pool, {
        text: `SELECT q.[queue], COUNT(*) AS n FROM ${q} q JOIN ${quoteName(log.table)} l ON ${logKeyMatch({ sql: 'q.[key]', param: 'bigint', integer: integerKey }, log.type)}
WHERE q.[status] = N'dead' AND l.[status] = N'failed' ${onlyQueue} GROUP BY q.[queue]`,
        params,
      })
    : { recordset: [] as { queue: string; n: number }[] };
  const claimedAt = `MIN(CASE WHEN q.[status] = N'claimed' THEN q.[updated_at] END)`;
  const leases = await execute<Record<string, unknown>>(driver, pool, {
    text: `SELECT q.[queue], q.[lease_owner], ${countIf(`q.[status] = N'claimed'`)} AS n, ${countIf(`q.[status] = N'done'`)} AS done,
  ${iso(claimedAt)} AS claimed_at, ${iso(`MIN(CASE WHEN q.[status] = N'claimed' THEN q.[lease_expires_at] END)`)} AS expires_at
FROM ${q} q WHERE q.[lease_owner] IS NOT NULL ${onlyQueue}
GROUP BY q.[queue], q.[lease_owner] ORDER BY CASE WHEN ${claimedAt} IS NULL THEN 1 ELSE 0 END, ${claimedAt}, q.[lease_owner]`,
    params,
  });
  const failedBy = new Map((failed.recordset ?? []).map((f) => [String(f.queue), Number(f.n)]));
  return queueStatuses(counts.recordset ?? [], leases.recordset ?? [], failedBy);
}
