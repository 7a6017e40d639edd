import { createRequire } from 'node:module';
import { SluiceConfigError, SluiceConnectionError, SluiceStateError } from '../../core/errors.js';
import { splitQuotedName } from '../../core/qualified-name.js';
import { mssqlIdentityOf, parseMssqlConnection, type MssqlConfig } from './mssql-connection.js';

/** A query result, as much of mssql's `IResult` as Sluice reads. */
export interface MssqlResult<R = Record<string, unknown>> {
  /** Rows of the last result set; undefined when the batch returned none. */
  readonly recordset?: R[];
  readonly rowsAffected: number[];
}

/** A column type as mssql's `sql.Int`, `sql.NVarChar(100)`... are (a factory or what it returns). */
export type MssqlType = object;

/** `request.bulk` options (tedious): see docs/sqlserver.md for why Sluice's defaults differ from the driver's. */
export interface MssqlBulkOptions {
  /** Check CHECK and FOREIGN KEY constraints (else the server skips them and marks them untrusted). @default true */
  readonly checkConstraints?: boolean;
  /** Run INSERT triggers. @default false */
  readonly fireTriggers?: boolean;
  /** Keep NULLs rather than column defaults, as an INSERT would. @default true */
  readonly keepNulls?: boolean;
  /**
   * Take a table lock (TABLOCK: faster into heaps, but serialises concurrent commits). Spelled as
   * tedious reads it; `tableLock`, as @types/mssql spells it, never reaches the driver. @default false
   */
  readonly lockTable?: boolean;
}

/** An `mssql.Table`, as far as Sluice builds one for `request.bulk`. */
export interface MssqlTable {
  readonly path?: string;
  readonly columns: { add(name: string, type: MssqlType, options?: { nullable?: boolean }): unknown };
  readonly rows: { add(...values: unknown[]): unknown; readonly length: number };
}

/** The part of an `mssql.Request` Sluice calls. */
export interface MssqlRequest {
  input(name: string, type: MssqlType, value: unknown): unknown;
  query<R = Record<string, unknown>>(command: string): Promise<MssqlResult<R>>;
  bulk(table: MssqlTable, options?: MssqlBulkOptions): Promise<{ rowsAffected: number }>;
}

/** The part of an `mssql.Transaction` Sluice calls. */
export interface MssqlTransaction {
  begin(): Promise<unknown>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** The part of an `mssql.ConnectionPool` Sluice calls (so the core never imports `mssql`). */
export interface MssqlPool {
  connect(): Promise<unknown>;
  close(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The `mssql` module (or `mssql/msnodesqlv8`), as much of it as Sluice uses. */
export interface MssqlDriver {
  ConnectionPool: new (config: MssqlConfig) => MssqlPool;
  Transaction: new (pool: MssqlPool) => MssqlTransaction;
  Request: new (parent: MssqlPool | MssqlTransaction) => MssqlRequest;
  Table: new (name: string) => MssqlTable;
  readonly MAX: number;
  readonly TinyInt: MssqlType;
  readonly SmallInt: MssqlType;
  readonly Int: MssqlType;
  readonly BigInt: MssqlType;
  readonly Float: MssqlType;
  readonly Bit: MssqlType;
  readonly Date: MssqlType;
  NVarChar(length?: number): MssqlType;
  VarChar(length?: number): MssqlType;
  Decimal(precision?: number, scale?: number): MssqlType;
  DateTime2(scale?: number): MssqlType;
}

/**
 * Loads `mssql` (tedious, pure JavaScript) or `mssql/msnodesqlv8` (ODBC, needed for Windows
 * authentication), optional peer dependencies, with an error that says how to get them.
 */
export function loadMssqlDriver(kind: 'tedious' | 'msnodesqlv8' = 'tedious', load: (id: string) => unknown = createRequire(import.meta.url)): MssqlDriver {
  try {
    return load(kind === 'tedious' ? 'mssql' : 'mssql/msnodesqlv8') as MssqlDriver;
  } catch (error) {
    if (kind === 'tedious') throw new SluiceConnectionError('the SQL Server adapter needs mssql: run `npm install mssql`', { cause: error });
    throw new SluiceConnectionError(
      'Trusted_Connection=yes (Windows authentication) needs the msnodesqlv8 driver, which is not installed: run `npm install mssql msnodesqlv8` ' +
        '(Windows, or Linux/macOS with the Microsoft ODBC Driver for SQL Server), or use SQL Server authentication (User Id and Password)',
      { cause: error },
    );
  }
}

/** How to reach a SQL Server database; shared by the source, sink, queue and status. */
export interface MssqlConnectionOptions {
  /**
   * `mssql://user:pass@host:port/db?encrypt=true&trustServerCertificate=true`, or an ADO.NET
   * connection string (`Server=localhost\SQLEXPRESS;Database=XmlConversionDB;Trusted_Connection=yes`).
   * The password never appears in names, logs or errors.
   */
  readonly url?: string;
  /** An mssql config object (`server`, `database`, `user`, `password`, `options`, ...) instead of `url`. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** An existing `mssql.ConnectionPool` to use (not closed by Sluice); `identity` names it. */
  readonly pool?: MssqlPool;
  /** With `pool`: the `host\INSTANCE/db` or `host:port/db` it reaches (pushdown decisions, names). @default 'pool' */
  readonly identity?: string;
  /** Connections kept open even when idle (the origin system's `--min-pool-size`). @default 0 */
  readonly poolMin?: number;
  /** Connections at most (`--max-pool-size`). @default 4 for sinks, 2 for sources */
  readonly poolMax?: number;
  /** Program name the server sees (find the sessions in sys.dm_exec_sessions). @default 'sluice' */
  readonly applicationName?: string;
  /** A statement running longer fails (and is retried as transient), in ms. @default 300000 */
  readonly requestTimeoutMillis?: number;
  /** The mssql module (`require('mssql')` or `require('mssql/msnodesqlv8')`), if you want to pass it yourself. @default loaded by Sluice */
  readonly driver?: MssqlDriver;
}

/** A pool with a redacted name; `owned` pools are closed by `close`. */
export interface MssqlHandle {
  readonly driver: MssqlDriver;
  /** `host\INSTANCE/db` or `host:port/db`, never a secret. */
  readonly identity: string;
  /** The `schema` of the URL or connection string, if any. */
  readonly schema: string | undefined;
  /** The pool, connected (once; a failed connect is tried again on the next call). */
  connect(): Promise<MssqlPool>;
  close(): Promise<void>;
}

/**
 * Opens a pool (connecting lazily) from a URL, a connection string, a config object or an existing pool.
 *
 * @example
 * ```ts
 * const h = openMssql({ url: 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;User Id=etl;Password=...', poolMax: 8 });
 * console.log(h.identity); // 'localhost\\SQLEXPRESS/XmlConversionDB': never the password
 * ```
 */
export function openMssql(options: MssqlConnectionOptions, defaults: { poolMax: number } = { poolMax: 4 }): MssqlHandle {
  if (options.pool) return handleOf(options.pool, options.driver ?? loadMssqlDriver(), options.identity ?? 'pool', undefined, false);
  if (!options.url && !options.config) throw new SluiceConfigError('SQL Server needs `url` (a URL or connection string), `config` or `pool`', 'url');
  const parsed = options.url ? parseMssqlConnection(options.url) : undefined;
  const config: MssqlConfig = parsed ? parsed.config : { ...(options.config as unknown as MssqlConfig), options: { ...((options.config?.options as object) ?? {}) } };
  if (!parsed && options.config && 'password' in options.config) {
    Object.defineProperty(config, 'password', { value: options.config.password, enumerable: false, writable: true, configurable: true });
  }
  const min = options.poolMin ?? config.pool?.min ?? 0;
  const max = options.poolMax ?? config.pool?.max ?? defaults.poolMax;
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw new SluiceConfigError(`poolMax must be an integer from 1 to 1000; got ${max}`, 'poolMax');
  if (!Number.isInteger(min) || min < 0 || min > max) throw new SluiceConfigError(`poolMin must be an integer from 0 to poolMax (${max}); got ${min}`, 'poolMin');
  config.pool = { ...config.pool, min, max };
  config.requestTimeout = options.requestTimeoutMillis ?? config.requestTimeout ?? 300_000;
  config.options.appName = options.applicationName ?? config.options.appName ?? 'sluice';
  // Dates and timestamps are written and read as UTC (see docs/sqlserver.md).
  config.options.useUTC = true;
  const trusted = parsed?.trusted ?? config.options.trustedConnection === true;
  if (trusted && config.options.trustServerCertificate) {
    // msnodesqlv8 builds its ODBC string without TrustServerCertificate; ODBC Driver 18 then refuses self-signed certificates.
    config.beforeConnect = (cfg) => {
      cfg.conn_str = `${cfg.conn_str.replace(/;?\s*$/, ';')}TrustServerCertificate=yes;`;
    };
  }
  const driver = options.driver ?? loadMssqlDriver(trusted ? 'msnodesqlv8' : 'tedious');
  const identity = options.identity ?? parsed?.identity ?? mssqlIdentityOf(config);
  return handleOf(new driver.ConnectionPool(config), driver, identity, parsed?.schema, true, config.password);
}

function handleOf(pool: MssqlPool, driver: MssqlDriver, identity: string, schema: string | undefined, owned: boolean, secret?: string): MssqlHandle {
  // mssql emits 'error' on the pool when a connection cannot be made; unheard, it would crash the
  // process. The request that needed the connection fails with the same error, and is retried or
  // reported. A pool passed in is its owner's to listen to.
  if (owned) pool.on('error', () => {});
  let connecting: Promise<MssqlPool> | undefined;
  let closed = false;
  const handle: MssqlHandle = {
    driver,
    identity,
    schema,
    connect() {
      if (closed) return Promise.reject(new SluiceStateError(`mssql:${identity}`, 'connect'));
      connecting ??= pool.connect().then(
        () => pool,
        (error: unknown) => {
          connecting = undefined;
          throw scrub(error, secret);
        },
      );
      return connecting;
    },
    async close() {
      if (closed || !owned) return;
      closed = true;
      await pool.close();
    },
  };
  return handle;
}

/** Removes a password from an error's message, in case a driver ever echoes it. */
function scrub(error: unknown, secret: string | undefined): unknown {
  if (secret && secret.length >= 3 && error instanceof Error && error.message.includes(secret)) error.message = error.message.split(secret).join('***');
  return error;
}

/** A parameter type, in T-SQL spelling (mapped to the driver's types by `execute`). */
export type SqlParamType = 'tinyint' | 'smallint' | 'int' | 'bigint' | 'float' | 'nvarchar(max)' | 'varchar(max)' | `nvarchar(${number})` | `varchar(${number})`;

/** One `@name` parameter of a statement. */
export interface SqlParam {
  readonly name: string;
  readonly type: SqlParamType;
  readonly value: unknown;
}

/** A T-SQL batch and its parameters: built without a driver, so tests read it as is. */
export interface Statement {
  readonly text: string;
  readonly params: readonly SqlParam[];
}

/** The driver's type for a T-SQL parameter type. */
export function driverType(driver: MssqlDriver, type: SqlParamType): MssqlType {
  switch (type) {
    case 'tinyint':
      return driver.TinyInt;
    case 'smallint':
      return driver.SmallInt;
    case 'int':
      return driver.Int;
    case 'bigint':
      return driver.BigInt;
    case 'float':
      return driver.Float;
  }
  const m = /^(n?varchar)\((max|\d+)\)$/.exec(type)!;
  const length = m[2] === 'max' ? driver.MAX : Number(m[2]);
  return m[1] === 'nvarchar' ? driver.NVarChar(length) : driver.VarChar(length);
}

/** Runs a statement on a pool or in a transaction. */
export function execute<R = Record<string, unknown>>(driver: MssqlDriver, on: MssqlPool | MssqlTransaction, statement: Statement): Promise<MssqlResult<R>> {
  const request = new driver.Request(on);
  for (const p of statement.params) request.input(p.name, driverType(driver, p.type), p.value);
  return request.query<R>(statement.text);
}

/**
 * Runs `fn` in a transaction. On any error the transaction is rolled back and the first error
 * is thrown: a rollback that fails too (the server already rolled back, after a deadlock or
 * with XACT_ABORT) says nothing new.
 */
export async function inTransaction<T>(driver: MssqlDriver, pool: MssqlPool, fn: (tx: MssqlTransaction) => Promise<T>): Promise<T> {
  const tx = new driver.Transaction(pool);
  await tx.begin();
  try {
    const out = await fn(tx);
    await tx.commit();
    return out;
  } catch (error) {
    await tx.rollback().catch(() => {});
    throw error;
  }
}

/** Splits `schema.table` or `[schema].[table]` into its parts. */
export function nameParts(name: string): string[] {
  return splitQuotedName(name, '[', ']');
}

/** Quotes a name with brackets, part by part: `sandbox.person` → `[sandbox].[person]`. */
export function quoteName(name: string): string {
  return nameParts(name)
    .map((p) => `[${p.replace(/]/g, ']]')}]`)
    .join('.');
}

/** A T-SQL Unicode string literal. */
export function nstring(s: string): string {
  return `N'${s.replace(/'/g, "''")}'`;
}
