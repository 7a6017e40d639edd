import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { checkQueueRequest, claimPages } from '../../checkpoint/claim-loop.js';
import type { ClaimQueueSourceOptions } from '../../checkpoint/claim-spec.js';
import { LeaseHeartbeat, leaseTimings } from '../../source/lease-heartbeat.js';
import type { SourceRecord } from '../../core/record.js';
import type { ReadRequest, Source } from '../../source/source.js';
import {
  claimItems, DEFAULT_QUEUE_NAME, DEFAULT_QUEUE_TABLE, extendLeases, othersBusy, releaseLeases, settleUnreadable, type ClaimSpec,
} from './mssql-claim-queue.js';
import { nameParts, execute, openMssql, quoteName, type MssqlConnectionOptions } from './mssql-driver.js';
import { qualify } from '../../core/qualified-name.js';
import { retryTransient } from './mssql-errors.js';
import { asKeyType, type MssqlKeyType } from './mssql-schema.js';
import { columnInfo, connected, keyColumnOf, logKeyType, type KeyColumn } from './mssql-catalog.js';
import { notCheckpointed, payloadSql, recordOf, sameDatabase } from './mssql-source.js';

/** Options of `mssqlQueueSource`. */
export interface MssqlQueueSourceOptions extends MssqlConnectionOptions, ClaimQueueSourceOptions {
  /** Schema of the tables below unless they are qualified. @default the URL's `schema`, else the login's default schema */
  readonly schema?: string;
  /** Key type of the work table when it does not exist yet (enqueue/init create it). @default 'bigint' */
  readonly keyType?: MssqlKeyType;
}

/** The read of claimed keys: their rows that the log does not hold yet, in key order. */
export function claimedReadSql(spec: { table: string; key: KeyColumn; payloadColumn: string; log: string; logType: string; retryFailed: boolean; maxPayloadBytes?: number }): string {
  const p = payloadSql(spec.payloadColumn, spec.maxPayloadBytes);
  return `SELECT ${spec.key.sql} AS [key], ${p.columns}
FROM ${quoteName(spec.table)} t
${p.apply}
WHERE ${spec.key.sql} IN (SELECT CAST(j.[value] AS ${spec.key.param.toUpperCase()}) FROM OPENJSON(@keys) j)
  AND ${notCheckpointed(spec.log, spec.key, spec.logType, spec.retryFailed)}
ORDER BY ${spec.key.sql}`;
}

/**
 * Records claimed from a queue table with `WITH (ROWLOCK, READPAST, UPDLOCK)`, as a `Source`: any
 * number of processes on any machines share the work, the database is the coordinator. Each
 * claim is a lease that a heartbeat extends; a dead process's leases expire and are claimed
 * again; items whose leases expired `maxAttempts` times are dead-lettered. Pair it with an
 * `mssqlSink` in the same database with `queue: { name }`, which finishes items in the
 * transaction of their rows.
 *
 * @example
 * ```ts
 * const url = 'Server=db01;Database=XmlConversionDB;User Id=etl;Password=...;TrustServerCertificate=yes';
 * await pipeline({
 *   source: mssqlQueueSource({ url, queue: 'loans', table: 'dbo.app_xml', leaseMillis: 30_000 }),
 *   sink: mssqlSink({ url, schema: 'sandbox', queue: { name: 'loans' } }),
 *   mapper: './credit-mapper.ts',
 * }).run();
 * ```
 */
export function mssqlQueueSource(options: MssqlQueueSourceOptions): Source {
  const { leaseMillis, heartbeatMillis, pollMillis } = leaseTimings(options);
  const handle = openMssql(options, { poolMax: 2 });
  const { driver } = handle;
  const schema = options.schema ?? handle.schema;
  const base = {
    table: qualify(options.queueTable ?? DEFAULT_QUEUE_TABLE, schema, nameParts),
    queue: options.queue ?? DEFAULT_QUEUE_NAME,
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    leaseMillis,
    maxAttempts: options.maxAttempts ?? 3,
  };
  // The work table's key type is known once connected; heartbeats and release do not need it.
  let spec: ClaimSpec = { ...base, keyType: options.keyType ?? 'bigint' };
  const table = qualify(options.table ?? 'app_xml', schema, nameParts);
  const payloadColumn = options.payloadColumn ?? 'xml';
  const heartbeat = new LeaseHeartbeat(() => handle.connect().then((pool) => extendLeases(driver, pool, spec)), heartbeatMillis);
  let used = false;

  return {
    name: `mssql:${handle.identity}#${base.table}[${base.queue}]`,
    filtersPartition: true,
    canSkip: (log) => sameDatabase(handle.identity, log),
    async *pages(request: ReadRequest): AsyncGenerator<SourceRecord[]> {
      checkQueueRequest(request, 'mssqlQueueSource', 'SQL Server');
      const pool = await connected(handle, request);
      used = true;
      const log = request.skip.log.table;
      const key = await retryTransient(() => keyColumnOf(driver, pool, table, options.keyColumn ?? 'app_id'), request);
      // Existing tables decide the types; the option only stands in for a table not created yet.
      const logType = (await retryTransient(() => logKeyType(driver, pool, log), request)) ?? (spec.keyType === 'bigint' ? 'bigint' : 'nvarchar');
      spec = { ...spec, keyType: asKeyType((await retryTransient(() => columnInfo(driver, pool, spec.table, 'key'), request))?.type) ?? spec.keyType };
      const read = claimedReadSql({
        table, key, payloadColumn, log, logType, retryFailed: request.skip.retryFailed,
        ...(request.maxPayloadBytes !== undefined && { maxPayloadBytes: request.maxPayloadBytes }),
      });
      heartbeat.start();
      yield* claimPages(
        request,
        {
          claim: (n) => claimItems(driver, pool, spec, n),
          othersBusy: () => othersBusy(driver, pool, spec),
          read: async (keys) => {
            const params = [{ name: 'keys', type: 'nvarchar(max)' as const, value: JSON.stringify(keys) }];
            const r = await execute<{ key: unknown; payload: string | null; bytes?: number }>(driver, pool, { text: read, params });
            return (r.recordset ?? []).map((row) => recordOf(row, key.integer));
          },
          settleUnreadable: (keys) => settleUnreadable(driver, pool, spec, keys, { table: log, keyType: logType }),
          retry: (statement) => retryTransient(statement, request),
        },
        { pollMillis, noWait: options.noWait ?? false },
      );
    },
    async close() {
      heartbeat.stop();
      // Claims left at a clean stop were never committed: hand them back now rather than at lease expiry.
      if (used) await handle.connect().then((pool) => releaseLeases(driver, pool, spec)).catch(() => {});
      await handle.close();
    },
  };
}

