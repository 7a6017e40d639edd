import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { checkQueueRequest, claimPages } from '../../checkpoint/claim-loop.js';
import type { ClaimQueueSourceOptions } from '../../checkpoint/claim-spec.js';
import { LeaseHeartbeat, leaseTimings } from '../../source/lease-heartbeat.js';
import type { SourceRecord } from '../../core/record.js';
import type { ReadRequest, Source } from '../../source/source.js';
import {
  claimItems, DEFAULT_QUEUE_NAME, DEFAULT_QUEUE_TABLE, extendLeases, othersBusy, releaseLeases, settleUnreadable, type ClaimSpec,
} from './postgres-claim-queue.js';
import { postgresNameParts, openPostgres, quoteIdent, type PgHandle, type PostgresConnectionOptions } from './postgres-driver.js';
import { retryTransient } from './postgres-errors.js';
import { asKeyType, type PostgresKeyType } from './postgres-schema.js';
import { qualify } from '../../core/qualified-name.js';
import { columnType, logKeyType } from './postgres-catalog.js';
import { keyOf, sameDatabase } from './postgres-source.js';

/** Options of `postgresQueueSource`. */
export interface PostgresQueueSourceOptions extends PostgresConnectionOptions, ClaimQueueSourceOptions {
  /** Schema of the tables below unless they are qualified. @default the search_path */
  readonly schema?: string;
  /** Key type of the work table (as created by enqueue/init). @default 'bigint' */
  readonly keyType?: PostgresKeyType;
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
    table: qualify(options.queueTable ?? DEFAULT_QUEUE_TABLE, options.schema, postgresNameParts),
    queue: options.queue ?? DEFAULT_QUEUE_NAME,
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    leaseMillis,
    maxAttempts: options.maxAttempts ?? 3,
  };
  const table = qualify(options.table ?? 'app_xml', options.schema, postgresNameParts);
  const key = quoteIdent(options.keyColumn ?? 'app_id');
  const payload = quoteIdent(options.payloadColumn ?? 'xml');
  const handle: PgHandle = openPostgres(options, { poolMax: 2 });
  const heartbeat = new LeaseHeartbeat(() => extendLeases(handle.pool, spec), heartbeatMillis);

  return {
    name: `postgres:${handle.identity}#${spec.table}[${spec.queue}]`,
    filtersPartition: true,
    canSkip: (log) => sameDatabase(handle.identity, log),
    async *pages(request: ReadRequest): AsyncGenerator<SourceRecord[]> {
      checkQueueRequest(request, 'postgresQueueSource', 'PostgreSQL');
      const { pool } = handle;
      const log = request.skip.log.table;
      const logType = (await retryTransient(() => logKeyType(pool, log), request)) ?? keyType;
      // Existing tables decide the casts; the option only stands in for a table not created yet.
      const sourceKeyType = asKeyType(await retryTransient(() => columnType(pool, table, options.keyColumn ?? 'app_id'), request)) ?? keyType;
      const queueKeyType = asKeyType(await retryTransient(() => columnType(pool, spec.table, 'key'), request)) ?? keyType;
      const failedAgain = request.skip.retryFailed ? ` AND l."status" <> 'failed'` : '';
      const read = `SELECT t.${key}, t.${payload} FROM ${quoteIdent(table)} t WHERE t.${key} = ANY($1::${sourceKeyType}[])
  AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(log)} l WHERE l."key" = t.${key}::${logType}${failedAgain}) ORDER BY t.${key}`;
      heartbeat.start();
      yield* claimPages(
        request,
        {
          claim: (n) => claimItems(pool, spec, n),
          othersBusy: () => othersBusy(pool, spec),
          read: async (keys) => {
            const r = await pool.query<[unknown, string | null]>({ text: read, values: [keys], rowMode: 'array' });
            const type = r.fields[0]?.dataTypeID;
            return r.rows.map((row) => ({ key: keyOf(row[0], type), payload: row[1] ?? '' }));
          },
          settleUnreadable: (keys) => settleUnreadable(pool, { ...spec, keyType: queueKeyType }, keys, { table: log, keyType: logType }),
          retry: (statement) => retryTransient(statement, request),
        },
        { pollMillis, noWait: options.noWait ?? false },
      );
    },
    async close() {
      heartbeat.stop();
      // Claims left at a clean stop were never committed: hand them back now rather than at lease expiry.
      await releaseLeases(handle.pool, spec).catch(() => {});
      await handle.close();
    },
  };
}

