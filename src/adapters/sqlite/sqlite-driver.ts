import { createRequire } from 'node:module';
import { SluiceConnectionError } from '../../core/errors.js';

/** The part of a better-sqlite3 statement Sluice uses. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  raw(on?: boolean): SqliteStatement;
  /** Integers come back as bigints: exact beyond 2^53. */
  safeIntegers(on?: boolean): SqliteStatement;
}

/** The part of a better-sqlite3 database Sluice uses (so the core never imports the driver). */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  transaction<F extends (...args: never[]) => unknown>(fn: F): SqliteTransaction<F>;
  close(): unknown;
  /** Registers a JavaScript function callable from SQL on this connection. */
  function(name: string, options: { deterministic?: boolean }, fn: (value: unknown) => unknown): unknown;
  readonly open: boolean;
  readonly inTransaction: boolean;
}

/** A better-sqlite3 transaction function; `immediate` takes the write lock at BEGIN. */
export type SqliteTransaction<F extends (...args: never[]) => unknown> = F & { immediate: F };

/** The better-sqlite3 module's default export. */
export type SqliteDriver = new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number }) => SqliteDatabase;

/** Loads better-sqlite3, an optional peer dependency, with an error that says how to get it. */
export function loadSqliteDriver(): SqliteDriver {
  try {
    return createRequire(import.meta.url)('better-sqlite3') as SqliteDriver;
  } catch (error) {
    throw new SluiceConnectionError('the SQLite adapter needs better-sqlite3: run `npm install better-sqlite3`', { cause: error });
  }
}

/** Options shared by the SQLite source and sink. */
export interface SqliteConnectionOptions {
  /** Database file path (`:memory:` is not useful across threads and processes). */
  readonly file: string;
  /** The better-sqlite3 module, if you want to pass it yourself. @default require('better-sqlite3') */
  readonly driver?: SqliteDriver;
  /** How long to wait for another connection's lock before SQLITE_BUSY, in ms. @default 5000 */
  readonly busyTimeoutMillis?: number;
}

/** Opens a connection in WAL mode, so readers never block the writer. */
export function openSqlite(options: SqliteConnectionOptions, mode: 'read' | 'write'): SqliteDatabase {
  const db = connect(options, mode);
  if (mode === 'write') {
    db.pragma('journal_mode = WAL');
    tuneWriter(db);
  }
  return db;
}

/**
 * Opens a writer. Switching a file to WAL needs it to itself for an instant: when other processes
 * open the same new file at once (instances started together), the switch is retried without
 * blocking the event loop, for up to the busy timeout.
 */
export async function openSqliteWriter(options: SqliteConnectionOptions): Promise<SqliteDatabase> {
  const db = connect(options, 'write');
  const timeout = options.busyTimeoutMillis ?? 5000;
  const deadline = Date.now() + timeout;
  db.pragma('busy_timeout = 0');
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        // Already WAL (the usual case): nothing to switch, and nothing to wait for.
        if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
        break;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, 5 * attempt)));
      }
    }
  } catch (error) {
    db.close();
    throw new SluiceConnectionError(`cannot switch ${options.file} to WAL mode: ${(error as Error).message}; another process holds it`, { cause: error });
  }
  db.pragma(`busy_timeout = ${Math.floor(timeout)}`);
  tuneWriter(db);
  return db;
}

function connect(options: SqliteConnectionOptions, mode: 'read' | 'write'): SqliteDatabase {
  const Driver = options.driver ?? loadSqliteDriver();
  try {
    return new Driver(options.file, { fileMustExist: mode === 'read', timeout: options.busyTimeoutMillis ?? 5000 });
  } catch (error) {
    const what = mode === 'read' ? 'open the source database' : 'open or create the database';
    throw new SluiceConnectionError(`cannot ${what} ${options.file}: ${(error as Error).message}`, { cause: error });
  }
}

function tuneWriter(db: SqliteDatabase): void {
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -16384'); // 16 MiB: more only grew RSS along a run, without measurable speed
}

/** Quotes an identifier; `main.t` style qualified names are quoted part by part. */
export function quoteIdent(name: string): string {
  return name
    .split('.')
    .map((p) => `"${p.replace(/"/g, '""')}"`)
    .join('.');
}

/** A string as an SQL literal (a mapping version in a query that binds its other values by position). */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
