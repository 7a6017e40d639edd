import { createRequire } from 'node:module';
import { SluiceConfigError, SluiceConnectionError } from '../../core/errors.js';
import { splitQuotedName } from '../../core/qualified-name.js';

/** A query result, as much of `pg.QueryResult` as Sluice reads. */
export interface PgResult<R = unknown[]> {
  readonly rows: R[];
  readonly rowCount: number | null;
  readonly fields: readonly { readonly name: string; readonly dataTypeID: number }[];
}

/** A query: text with `$n` parameters; rows as arrays (`rowMode: 'array'`) or objects. */
export interface PgQuery {
  readonly text: string;
  readonly values?: readonly unknown[];
  readonly rowMode?: 'array';
  /** Prepared once per connection under this name. */
  readonly name?: string;
}

/** The part of a `pg.PoolClient` Sluice calls. */
export interface PgClient {
  query<R = unknown[]>(query: PgQuery | string): Promise<PgResult<R>>;
  /** Pass the error to destroy a broken connection instead of returning it to the pool. */
  release(error?: Error | boolean): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of a `pg.Pool` Sluice calls (so the core never imports `pg`). */
export interface PgPool {
  connect(): Promise<PgClient>;
  query<R = unknown[]>(query: PgQuery | string): Promise<PgResult<R>>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The `pg` module, as much of it as Sluice uses. */
export interface PgDriver {
  Pool: new (config: Record<string, unknown>) => PgPool;
}

/** Loads `pg`, an optional peer dependency, with an error that says how to get it. */
export function loadPgDriver(): PgDriver {
  try {
    return createRequire(import.meta.url)('pg') as PgDriver;
  } catch (error) {
    throw new SluiceConnectionError('the PostgreSQL adapter needs pg: run `npm install pg`', { cause: error });
  }
}

/** How to reach a PostgreSQL database; shared by the source, sink, queue and schema helpers. */
export interface PostgresConnectionOptions {
  /** `postgres://user:pass@host:port/db`; the password never appears in names or errors. */
  readonly url?: string;
  /** A pg config object (`host`, `port`, `database`, `user`, `password`, `ssl`, ...) instead of `url`. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** An existing pool to use (not closed by Sluice); `identity` names it in reports. */
  readonly pool?: PgPool;
  /** With `pool`: the `host:port/db` it reaches (for pushdown decisions and names). @default 'pool' */
  readonly identity?: string;
  /** Connections kept open even when idle. @default 0 */
  readonly poolMin?: number;
  /** Connections at most. @default 4 */
  readonly poolMax?: number;
  /** `application_name` of the connections (find them in pg_stat_activity); `?application_name=` in the URL also works. @default 'sluice' */
  readonly applicationName?: string;
  /** The pg module, if you want to pass it yourself. @default require('pg') */
  readonly driver?: PgDriver;
}

/** A pool with a redacted name; `owned` pools are ended by `close`. */
export interface PgHandle {
  readonly pool: PgPool;
  /** `host:port/db`, never a secret. */
  readonly identity: string;
  close(): Promise<void>;
}

/**
 * Opens a pool (lazily connecting) from a URL, a config object or an existing pool.
 *
 * @example
 * ```ts
 * const { pool, identity, close } = openPostgres({ url: process.env.DATABASE_URL, poolMax: 8 });
 * console.log(identity); // 'db.internal:5432/loans': never the password
 * ```
 */
export function openPostgres(options: PostgresConnectionOptions, defaults: { poolMax: number } = { poolMax: 4 }): PgHandle {
  if (options.pool) return { pool: options.pool, identity: options.identity ?? 'pool', close: async () => {} };
  if (!options.url && !options.config) throw new SluiceConfigError('PostgreSQL needs `url`, `config` or `pool`', 'url');
  const min = options.poolMin ?? 0;
  const max = options.poolMax ?? defaults.poolMax;
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw new SluiceConfigError(`poolMax must be an integer from 1 to 1000; got ${max}`, 'poolMax');
  if (!Number.isInteger(min) || min < 0 || min > max) throw new SluiceConfigError(`poolMin must be an integer from 0 to poolMax (${max}); got ${min}`, 'poolMin');
  const Driver = options.driver ?? loadPgDriver();
  const config = { ...(options.config ?? {}), ...(options.url && { connectionString: options.url }) };
  const pool = new Driver.Pool({
    ...config,
    min,
    max,
    // An application_name in the URL wins; 'sluice' is only the fallback.
    fallback_application_name: 'sluice',
    ...(options.applicationName && { application_name: options.applicationName }),
  });
  // An idle connection killed by the server emits here; without a listener the process would crash.
  pool.on('error', () => {});
  let ended = false;
  return {
    pool,
    identity: postgresIdentity(options),
    close: async () => {
      if (ended) return;
      ended = true;
      await pool.end();
    },
  };
}

/** `host:port/db` of a URL or config: what a database is called in names, logs and pushdown checks. */
export function postgresIdentity(options: Pick<PostgresConnectionOptions, 'url' | 'config' | 'identity'>): string {
  if (options.identity) return options.identity;
  let host = 'localhost';
  let port = '5432';
  let db = '';
  if (options.url) {
    try {
      const u = new URL(options.url);
      host = decodeURIComponent(u.hostname) || u.searchParams.get('host') || host;
      port = u.port || port;
      db = decodeURIComponent(u.pathname.replace(/^\//, ''));
    } catch {
      throw new SluiceConfigError('the PostgreSQL URL is not valid; expected postgres://user@host:port/database', 'url');
    }
  }
  const c = options.config ?? {};
  const str = (v: unknown, fallback: string) => (typeof v === 'string' || typeof v === 'number' ? String(v) : fallback);
  host = str(c.host, host);
  port = str(c.port, port);
  db = str(c.database, db || str(c.user, 'postgres'));
  return `${host}:${port}/${db}`;
}

/** Runs `fn` with one client in a transaction; a broken client is destroyed, not reused. */
export async function inTransaction<T>(pool: PgPool, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client whose server goes away emits 'error' between queries; unheard, it would
  // crash the process. The next query fails anyway, and the core retries the batch.
  const onError = (e: Error) => (broken = e);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (error) {
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** Splits `schema.table` into its parts on the dots outside double quotes, unquoting the quoted parts: `loans."a.b"` → `['loans', 'a.b']`. */
export function postgresNameParts(name: string): string[] {
  return splitQuotedName(name, '"', '"');
}

/** Quotes an identifier; `schema.table` is quoted part by part (a part quoted already stays one part). */
export function quoteIdent(name: string): string {
  return postgresNameParts(name)
    .map((p) => `"${p.replace(/"/g, '""')}"`)
    .join('.');
}
