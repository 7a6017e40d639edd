import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { SluiceConfigError } from '../../core/errors.js';
import { LeaseHeartbeat, leaseTimings } from '../../source/lease-heartbeat.js';
import type { RecordKey, SourceRecord } from '../../core/record.js';
import type { ReadRequest, Source } from '../../source/source.js';
import {
  claimItems, DEFAULT_QUEUE_NAME, DEFAULT_QUEUE_TABLE, extendLeases, othersBusy, releaseLeases, settleUnreadable, type ClaimSpec,
} from './mssql-claim-queue.js';
import { execute, openMssql, qualify, quoteName, type MssqlConnectionOptions } from './mssql-driver.js';
import { retryTransient } from './mssql-errors.js';
import { asKeyType, type MssqlKeyType } from './mssql-schema.js';
import { columnInfo, connected, keyColumnOf, logKeyType, notCheckpointed, payloadSql, recordOf, sameDatabase, type KeyColumn } from './mssql-source.js';

/** Options of `mssqlQueueSource`. */
export interface MssqlQueueSourceOptions extends MssqlConnectionOptions {
  /** Queue name inside the work table. @default 'default' */
  readonly queue?: string;
  /** Work table. @default 'sluice_queue' */
  readonly queueTable?: string;
  /** Schema of the tables below unless they are qualified. @default the URL's `schema`, else the login's default schema */
  readonly schema?: string;
  /** Table holding the XML records. @default 'app_xml' */
  readonly table?: string;
  /** @default 'app_id' */
  readonly keyColumn?: string;
  /** @default 'xml' */
  readonly payloadColumn?: string;
  /** Key type of the work table when it does not exist yet (enqueue/init create it). @default 'bigint' */
  readonly keyType?: MssqlKeyType;
  /** How long a claim is held without a heartbeat before others may take it, in ms. @default 60000 */
  readonly leaseMillis?: number;
  /** Heartbeat period: leases this process holds are extended this often, in ms. @default leaseMillis / 3 */
  readonly heartbeatMillis?: number;
  /** Claims of one item at most; an item whose lease expired this often is dead-lettered. @default 3 */
  readonly maxAttempts?: number;
  /** When nothing is claimable but others still hold items, look again this often, in ms. @default min(1000, leaseMillis / 4) */
  readonly pollMillis?: number;
  /** End when nothing is claimable, instead of waiting for items others hold. @default false */
  readonly noWait?: boolean;
  /** Lease owner id. @default `${hostname}:${pid}:${random}` */
  readonly owner?: string;
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
    table: qualify(options.queueTable ?? DEFAULT_QUEUE_TABLE, schema),
    queue: options.queue ?? DEFAULT_QUEUE_NAME,
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    leaseMillis,
    maxAttempts: options.maxAttempts ?? 3,
  };
  // The work table's key type is known once connected; heartbeats and release do not need it.
  let spec: ClaimSpec = { ...base, keyType: options.keyType ?? 'bigint' };
  const table = qualify(options.table ?? 'app_xml', schema);
  const payloadColumn = options.payloadColumn ?? 'xml';
  const heartbeat = new LeaseHeartbeat(() => handle.connect().then((pool) => extendLeases(driver, pool, spec)), heartbeatMillis);
  let used = false;

  return {
    name: `mssql:${handle.identity}#${base.table}[${base.queue}]`,
    filtersPartition: true,
    canSkip: (log) => sameDatabase(handle.identity, log),
    async *pages(request: ReadRequest): AsyncGenerator<SourceRecord[]> {
      if (!request.skip) {
        throw new SluiceConfigError('mssqlQueueSource needs its sink (processing_log) in the same SQL Server database as the queue', 'sink');
      }
      if (request.partition.modulo || request.partition.range) {
        throw new SluiceConfigError('a claim queue shares the work by itself: drop the partition (--instance-id/--key-start) in queue mode', 'partition');
      }
      const pool = await connected(handle);
      used = true;
      const log = request.skip.log.table;
      const key = await retryTransient(() => keyColumnOf(driver, pool, table, options.keyColumn ?? 'app_id'));
      // Existing tables decide the types; the option only stands in for a table not created yet.
      const logType = (await retryTransient(() => logKeyType(driver, pool, log))) ?? (spec.keyType === 'bigint' ? 'bigint' : 'nvarchar');
      spec = { ...spec, keyType: asKeyType((await retryTransient(() => columnInfo(driver, pool, spec.table, 'key')))?.type) ?? spec.keyType };
      const read = claimedReadSql({
        table, key, payloadColumn, log, logType, retryFailed: request.skip.retryFailed,
        ...(request.maxPayloadBytes !== undefined && { maxPayloadBytes: request.maxPayloadBytes }),
      });
      heartbeat.start();
      let remaining = request.limit ?? Infinity;
      while (remaining > 0 && !request.signal?.aborted) {
        const items = await retryTransient(() => claimItems(driver, pool, spec, Math.min(request.pageSize, remaining)));
        const keys = items.filter((i) => i.status === 'claimed').map((i) => i.key);
        if (items.length === 0) {
          if (options.noWait || !(await retryTransient(() => othersBusy(driver, pool, spec)))) return;
          await sleep(pollMillis, request.signal);
          continue;
        }
        if (keys.length === 0) continue;
        const r = await retryTransient(() =>
          execute<{ key: unknown; payload: string | null; bytes?: number }>(driver, pool, { text: read, params: [{ name: 'keys', type: 'nvarchar(max)', value: JSON.stringify(keys) }] }),
        );
        const page = (r.recordset ?? []).map((row) => recordOf(row, key.integer));
        if (page.length < keys.length) {
          const got = new Set(page.map((p) => String(p.key)));
          const gone = keys.filter((k) => !got.has(String(k))) as RecordKey[];
          await retryTransient(() => settleUnreadable(driver, pool, spec, gone, { table: log, keyType: logType }));
        }
        remaining -= page.length;
        if (page.length) yield page;
      }
    },
    async close() {
      heartbeat.stop();
      // Claims left at a clean stop were never committed: hand them back now rather than at lease expiry.
      if (used) await handle.connect().then((pool) => releaseLeases(driver, pool, spec)).catch(() => {});
      await handle.close();
    },
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
