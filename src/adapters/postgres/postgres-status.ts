import { DEFAULT_LOG_TABLE } from '../../checkpoint/processing-log.js';
import type { InstanceStatus } from '../../checkpoint/instance-status.js';
import { queueStatuses, type QueueStatus } from '../../checkpoint/queue-status.js';
import type { LoadStatus, StatusTableOptions } from '../../checkpoint/load-status.js';
import type { VersionCount } from '../../checkpoint/version-count.js';

export type { InstanceStatus, QueueStatus };
import { DEFAULT_QUEUE_TABLE } from './postgres-claim-queue.js';
import { postgresNameParts, openPostgres, quoteIdent, type PgPool, type PostgresConnectionOptions } from './postgres-driver.js';
import { reachError } from './postgres-errors.js';
import { qualify } from '../../core/qualified-name.js';
import { columnType, logKeyType } from './postgres-catalog.js';

/** Everything `sluice status` shows. */
export type PostgresStatus = LoadStatus;

/** Options of `postgresStatus`. */
export interface PostgresStatusOptions extends PostgresConnectionOptions, StatusTableOptions {}

/**
 * Progress of a load from the database alone, as the origin system's monitoring queries: log
 * counts per status and per instance, queue items per state, the oldest lease, work per owner.
 *
 * @example
 * ```ts
 * const s = await postgresStatus({ url: process.env.DATABASE_URL, queue: 'loans' });
 * console.log(s.queues[0]?.pending, s.log.succeeded);
 * ```
 */
export async function postgresStatus(options: PostgresStatusOptions): Promise<PostgresStatus> {
  const handle = openPostgres(options, { poolMax: 1 });
  try {
    const log = qualify(options.logTable ?? DEFAULT_LOG_TABLE, options.schema, postgresNameParts);
    const queueTable = qualify(options.queueTable ?? DEFAULT_QUEUE_TABLE, options.schema, postgresNameParts);
    const [logExists, queueExists] = await Promise.all([exists(handle.pool, log), exists(handle.pool, queueTable)]);
    const instances = logExists ? await instanceCounts(handle.pool, log) : [];
    const sum = (k: 'succeeded' | 'failed' | 'skipped') => instances.reduce((a, i) => a + i[k], 0);
    return {
      database: handle.identity,
      log: { succeeded: sum('succeeded'), failed: sum('failed'), skipped: sum('skipped') },
      instances,
      versions: logExists ? await versionCounts(handle.pool, log) : [],
      queues: queueExists ? await queueCounts(handle.pool, queueTable, logExists ? log : undefined, options.queue) : [],
    };
  } catch (error) {
    throw reachError(handle.identity, error);
  } finally {
    await handle.close();
  }
}

async function exists(pool: PgPool, table: string): Promise<boolean> {
  const r = await pool.query<[boolean]>({ text: 'SELECT to_regclass($1) IS NOT NULL', values: [quoteIdent(table)], rowMode: 'array' });
  return r.rows[0]?.[0] === true;
}

async function versionCounts(pool: PgPool, log: string): Promise<VersionCount[]> {
  // A log no run has opened since mapping_version came has no such column: all of unknown version.
  const versioned = (await columnType(pool, log, 'mapping_version')) !== undefined;
  const r = await pool.query<[string | null, string]>({
    text: `SELECT ${versioned ? 'mapping_version' : 'NULL::text'}, count(*) FROM ${quoteIdent(log)} WHERE status = 'succeeded' GROUP BY 1 ORDER BY 2 DESC, 1`,
    rowMode: 'array',
  });
  return r.rows.map(([mappingVersion, n]) => ({ mappingVersion, succeeded: Number(n) }));
}

async function instanceCounts(pool: PgPool, log: string): Promise<InstanceStatus[]> {
  const r = await pool.query<Record<string, string | number | null>>(`SELECT instance_id, instance_count,
  count(*) FILTER (WHERE status = 'succeeded') AS succeeded, count(*) FILTER (WHERE status = 'failed') AS failed,
  count(*) FILTER (WHERE status = 'skipped') AS skipped, max(finished_at)::text AS last
FROM ${quoteIdent(log)} GROUP BY instance_id, instance_count ORDER BY instance_count, instance_id`);
  return r.rows.map((x) => ({
    instanceId: Number(x.instance_id),
    instanceCount: Number(x.instance_count),
    succeeded: Number(x.succeeded),
    failed: Number(x.failed),
    skipped: Number(x.skipped),
    lastFinishedAt: x.last === null ? null : String(x.last),
  }));
}

async function queueCounts(pool: PgPool, table: string, log: string | undefined, only: string | undefined): Promise<QueueStatus[]> {
  const q = quoteIdent(table);
  const filter = only === undefined ? '' : 'WHERE "queue" = $1';
  const values = only === undefined ? [] : [only];
  const counts = await pool.query<Record<string, string>>({
    text: `SELECT "queue", count(*) FILTER (WHERE status = 'pending') AS pending,
  count(*) FILTER (WHERE status = 'claimed' AND lease_expires_at >= now()) AS claimed,
  count(*) FILTER (WHERE status = 'claimed' AND lease_expires_at < now()) AS expired,
  count(*) FILTER (WHERE status = 'done') AS done, count(*) FILTER (WHERE status = 'dead') AS dead
FROM ${q} ${filter} GROUP BY "queue" ORDER BY "queue"`,
    values,
  });
  const type = log ? await logKeyType(pool, log) : undefined;
  const failed = log && type
    ? await pool.query<[string, string]>({
        text: `SELECT q."queue", count(*) FROM ${q} q JOIN ${quoteIdent(log)} l ON l."key" = q."key"::${type}
WHERE q."status" = 'dead' AND l."status" = 'failed' ${only === undefined ? '' : 'AND q."queue" = $1'} GROUP BY q."queue"`,
        values,
        rowMode: 'array',
      })
    : { rows: [] as [string, string][] };
  const leases = await pool.query<Record<string, string>>({
    text: `SELECT "queue", lease_owner, count(*) FILTER (WHERE status = 'claimed') AS n, count(*) FILTER (WHERE status = 'done') AS done,
  min(updated_at) FILTER (WHERE status = 'claimed')::text AS claimed_at, min(lease_expires_at) FILTER (WHERE status = 'claimed')::text AS expires_at
FROM ${q} WHERE lease_owner IS NOT NULL ${only === undefined ? '' : 'AND "queue" = $1'}
GROUP BY "queue", lease_owner ORDER BY claimed_at NULLS LAST, lease_owner`,
    values,
  });
  const failedBy = new Map(failed.rows.map(([name, n]) => [name, Number(n)]));
  return queueStatuses(counts.rows, leases.rows, failedBy);
}
