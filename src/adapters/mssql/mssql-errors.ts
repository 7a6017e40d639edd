import { retryTransient as retryWith, type ReadRetry } from '../../core/retry.js';
import { SluiceConnectionError } from '../../core/errors.js';
import type { ErrorClass } from '../../sink/sink.js';

/** Server error numbers worth retrying: the same statement can succeed a moment later. */
const TRANSIENT_NUMBERS = new Set([
  1205, // deadlock victim
  1222, // lock request time out
  3960, // snapshot isolation update conflict
  40197, 40501, 40613, 49918, 49919, 49920, 4060, 4221, 10928, 10929, // Azure SQL: failover, throttling, busy, resource limits
  10053, 10054, 10060, 233, 64, // transport: connection aborted, reset, timed out, no process, network name gone
  41301, 41302, 41305, 41325, // In-Memory OLTP commit and validation conflicts
]);

/** Server error numbers caused by one record's values: isolated by splitting the batch. */
const RECORD_NUMBERS = new Set([
  2627, 2601, // duplicate key (PRIMARY KEY or UNIQUE constraint, unique index)
  547, // FOREIGN KEY or CHECK constraint
  515, // NULL into a NOT NULL column
  8152, 2628, // string or binary data would be truncated
  4815, // bulk load: invalid column length from the bcp client (a value longer than its column)
  4864, // bulk load: data conversion error
  245, 8114, 241, 242, // conversion failed, out-of-range date
  220, 232, 244, 248, 8115, // arithmetic overflow
]);

/** Driver codes (tedious, mssql) of lost connections and timeouts. */
const TRANSIENT_CODES = new Set(['ETIMEOUT', 'ESOCKET', 'ECONNRESET', 'ECONNCLOSED', 'ECLOSE', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN', 'EINSTLOOKUP']);

/** Login failures that Azure SQL and a restarting server give while they cannot take logins yet. */
const TRANSIENT_LOGIN = /not currently available|retry the connection|is busy|server is in script upgrade mode|is being recovered|cannot open database/i;

/** A duplicate key on processing_log: another process committed some of the batch's keys first. */
export class SluiceLogConflictError extends Error {
  override name = 'SluiceLogConflictError';
  constructor(options: { cause: unknown }) {
    super(`another process committed some of these keys at the same moment; retrying skips them (${(options.cause as Error)?.message ?? String(options.cause)})`, options);
  }
}

interface DriverError {
  readonly code?: unknown;
  readonly number?: unknown;
  readonly message?: unknown;
  readonly isTransient?: unknown;
  readonly originalError?: unknown;
  readonly precedingErrors?: unknown;
  readonly cause?: unknown;
}

/** The error and those it carries: mssql puts the driver's in `originalError`, earlier server errors of the batch in `precedingErrors`. */
function chain(error: unknown): DriverError[] {
  const out: DriverError[] = [];
  const seen = new Set<unknown>();
  const walk = (e: unknown) => {
    if (e === null || typeof e !== 'object' || seen.has(e) || out.length > 20) return;
    seen.add(e);
    const d = e as DriverError;
    out.push(d);
    walk(d.originalError);
    if (Array.isArray(d.precedingErrors)) for (const p of d.precedingErrors as unknown[]) walk(p);
    walk(d.cause);
  };
  walk(error);
  return out;
}

/**
 * Classifies a SQL Server error as the core retries or isolates it: deadlocks, lock timeouts,
 * timeouts, lost connections and Azure SQL's transient errors are `transient`; constraint,
 * truncation and conversion errors belong to a `record`; everything else (missing table,
 * permissions, syntax) is `fatal`. A value the driver itself rejects (tedious throws a
 * TypeError, e.g. a bigint out of range) is the record's too.
 */
export function classifyMssqlError(error: unknown): ErrorClass {
  const all = chain(error);
  let record = false;
  for (const e of all) {
    if (e instanceof SluiceLogConflictError) return 'transient';
    const n = typeof e.number === 'number' ? e.number : undefined;
    const code = typeof e.code === 'string' ? e.code : '';
    if (n !== undefined && TRANSIENT_NUMBERS.has(n)) return 'transient';
    if (TRANSIENT_CODES.has(code) || e.isTransient === true) return 'transient';
    if (code === 'ELOGIN' && typeof e.message === 'string' && TRANSIENT_LOGIN.test(e.message)) return 'transient';
    if (n !== undefined && RECORD_NUMBERS.has(n)) record = true;
    // Only inside a driver error: a TypeError thrown by Sluice itself is a bug, and fatal.
    if (e instanceof TypeError && e !== error) record = true;
  }
  if (record) return 'record';
  // The server rolled the transaction back (mssql: EABORT) without telling us why: nothing was
  // committed, so trying again is safe.
  if (all.some((e) => e.code === 'EABORT')) return 'transient';
  return 'fatal';
}

/**
 * Retries an idempotent read (a keyset page, a count, a claim) after a transient error, with
 * exponential backoff (the read request's `retry` and `signal`, see `retryTransient` in core), so a failover or a restarted server does not end the run.
 */
export function retryTransient<T>(fn: () => Promise<T>, options?: ReadRetry): Promise<T> {
  return retryWith(fn, classifyMssqlError, options);
}

/**
 * Wraps an error met while reaching a database in a SluiceConnectionError naming it by
 * `host\INSTANCE/db` (never the connection string, which may hold a password); other errors pass through.
 */
export function reachError(identity: string, error: unknown): unknown {
  if (error instanceof SluiceConnectionError) return error; // wrapped already
  const connecting = chain(error).some((e) => typeof e.code === 'string' && /^(ELOGIN|EINSTLOOKUP|ESOCKET|ETIMEOUT|ECONNCLOSED|ENOTOPEN|EENCRYPT|ETDS|EFEDAUTH)$/.test(e.code));
  if (!connecting && classifyMssqlError(error) !== 'transient') return error;
  return new SluiceConnectionError(`cannot use mssql:${identity}: ${(error as Error)?.message ?? String(error)}; check the connection string and that the server is up`, { cause: error });
}
