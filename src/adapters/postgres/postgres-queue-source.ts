import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { SluiceConfigError } from '../../core/errors.js';
import { LeaseHeartbeat, leaseTimings } from '../../source/lease-heartbeat.js';
import type { RecordKey, SourceRecord } from '../../core/record.js';
import type { ReadRequest, Source } from '../../source/source.js';
import {
  claimItems, DEFAULT_QUEUE_NAME, DEFAULT_QUEUE_TABLE, extendLeases, othersBusy, releaseLeases, settleUnreadable, type ClaimSpec,
} from './postgres-claim-queue.js';
import { openPostgres, quoteIdent, type PgHandle, type PostgresConnectionOptions } from './postgres-driver.js';
import { retryTransient } from './postgres-errors.js';
import { asKeyType, type PostgresKeyType } from './postgres-schema.js';
import { qualify } from './postgres-sink.js';
import { columnType, keyOf, logKeyType, sameDatabase } from './postgres-source.js';

/** Options of `postgresQueueSource`. */
export interface PostgresQueueSourceOptions extends PostgresConnectionOptions {
  /** Queue name inside the work table. @default 'default' */
  readonly queue?: string;
  /** Work table. @default 'sluice_queue' */
  readonly queueTable?: string;
  /** Schema of the tables below unless they are qualified. @default the search_path */
  readonly schema?: string;
  /** Table holding the XML records. @default 'app_xml' */
  readonly table?: string;
  /** @default 'app_id' */
  readonly keyColumn?: string;
  /** @default 'xml' */
  readonly payloadColumn?: string;
  /** Key type of the work table (as created by enqueue/init). @default 'bigint' */
  readonly keyType?: PostgresKeyType;
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

/**
 * Records claimed from a queue table with `FOR UPDATE SKIP LOCKED`, as a `Source`: any number of
 * processes on any machines share the work, the database is the coordinator. Each claim is a
 * lease that a heartbeat extends; a dead process's leases expire and are claimed again; items
 * whose leases expired `maxAttempts` times are dead-lettered. Pair it with a `postgresSink` in
 * the same database with `queue: { name }`, which finishes items in the transaction of their rows.
 *
 * @example
 * ```ts
 * const url = process.env.DATABASE_URL;
 * await pipeline({
 *   source: postgresQueueSource({ url, queue: 'loans', table: 'app_xml', keyColumn: 'app_id', leaseMillis: 30_000 }),
 *   sink: postgresSink({ url, queue: { name: 'loans' } }),
 *   mapper: './credit-mapper.ts',
 * }).run();
 * ```
 */
export function postgresQueueSource(options: PostgresQueueSourceOptions): Source {
  const { leaseMillis, heartbeatMillis, pollMillis } = leaseTimings(options);
  const keyType = options.keyType ?? 'bigint';
  const spec: ClaimSpec = {
    table: qualify(options.queueTable ?? DEFAULT_QUEUE_TABLE, options.schema),
    queue: options.queue ?? DEFAULT_QUEUE_NAME,
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    leaseMillis,
    maxAttempts: options.maxAttempts ?? 3,
  };
  const table = qualify(options.table ?? 'app_xml', options.schema);
  const key = quoteIdent(options.keyColumn ?? 'app_id');
  const payload = quoteIdent(options.payloadColumn ?? 'xml');
  const handle: PgHandle = openPostgres(options, { poolMax: 2 });
  const heartbeat = new LeaseHeartbeat(() => extendLeases(handle.pool, spec), heartbeatMillis);

  return {
    name: `postgres:${handle.identity}#${spec.table}[${spec.queue}]`,
    filtersPartition: true,
    canSkip: (log) => sameDatabase(handle.identity, log),
    async *pages(request: ReadRequest): AsyncGenerator<SourceRecord[]> {
      if (!request.skip) {
        throw new SluiceConfigError('postgresQueueSource needs its sink (processing_log) in the same PostgreSQL database as the queue', 'sink');
      }
      if (request.partition.modulo || request.partition.range) {
        throw new SluiceConfigError('a claim queue shares the work by itself: drop the partition (--instance-id/--key-start) in queue mode', 'partition');
      }
      const { pool } = handle;
      const log = request.skip.log.table;
      const logType = (await retryTransient(() => logKeyType(pool, log))) ?? keyType;
      // Existing tables decide the casts; the option only stands in for a table not created yet.
      const sourceKeyType = asKeyType(await retryTransient(() => columnType(pool, table, options.keyColumn ?? 'app_id'))) ?? keyType;
      const queueKeyType = asKeyType(await retryTransient(() => columnType(pool, spec.table, 'key'))) ?? keyType;
      const failedAgain = request.skip.retryFailed ? ` AND l."status" <> 'failed'` : '';
      const read = `SELECT t.${key}, t.${payload} FROM ${quoteIdent(table)} t WHERE t.${key} = ANY($1::${sourceKeyType}[])
  AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(log)} l WHERE l."key" = t.${key}::${logType}${failedAgain}) ORDER BY t.${key}`;
      heartbeat.start();
      let remaining = request.limit ?? Infinity;
      while (remaining > 0 && !request.signal?.aborted) {
        const items = await retryTransient(() => claimItems(pool, spec, Math.min(request.pageSize, remaining)));
        const keys = items.filter((i) => i.status === 'claimed').map((i) => i.key);
        if (items.length === 0) {
          if (options.noWait || !(await retryTransient(() => othersBusy(pool, spec)))) return;
          await sleep(pollMillis, request.signal);
          continue;
        }
        if (keys.length === 0) continue;
        const r = await retryTransient(() => pool.query<[unknown, string | null]>({ text: read, values: [keys], rowMode: 'array' }));
        const type = r.fields[0]?.dataTypeID;
        const page: SourceRecord[] = r.rows.map((row) => ({ key: keyOf(row[0], type), payload: row[1] ?? '' }));
        if (page.length < keys.length) {
          const got = new Set(page.map((p) => String(p.key)));
          const gone = keys.filter((k) => !got.has(String(k))) as RecordKey[];
          await retryTransient(() => settleUnreadable(pool, { ...spec, keyType: queueKeyType }, gone, { table: log, keyType: logType }));
        }
        remaining -= page.length;
        if (page.length) yield page;
      }
    },
    async close() {
      heartbeat.stop();
      // Claims left at a clean stop were never committed: hand them back now rather than at lease expiry.
      await releaseLeases(handle.pool, spec).catch(() => {});
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
