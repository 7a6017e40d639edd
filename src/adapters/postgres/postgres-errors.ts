import { retryTransient as retryWith, type ReadRetry } from '../../core/retry.js';
import { SluiceConnectionError } from '../../core/errors.js';
import type { ErrorClass } from '../../sink/sink.js';

const TRANSIENT_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57P01', // admin_shutdown (pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

// node-postgres raises these without a code when a socket dies under a query or a connect.
const TRANSIENT_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly|server closed the connection/i;

/**
 * Classifies a PostgreSQL error by SQLSTATE: lost connections, shutdowns, deadlocks and
 * serialization failures are transient; integrity (23xxx) and data (22xxx) errors belong to a
 * record; everything else (missing table, permissions, syntax) is fatal.
 */
export function classifyPostgresError(error: unknown): ErrorClass {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (TRANSIENT_CODES.has(code) || code.startsWith('08')) return 'transient';
  if (code.startsWith('23') || code.startsWith('22')) return 'record';
  if (!code && typeof e?.message === 'string' && TRANSIENT_MESSAGES.test(e.message)) return 'transient';
  return 'fatal';
}

/**
 * Retries an idempotent read (a keyset page, a count, a claim) after a transient error, with
 * exponential backoff (the read request's `retry` and `signal`, see `retryTransient` in core), so a terminated backend or a restarted server does not end the run.
 */
export function retryTransient<T>(fn: () => Promise<T>, options?: ReadRetry): Promise<T> {
  return retryWith(fn, classifyPostgresError, options);
}

/**
 * Wraps an error met while first reaching a database in a SluiceConnectionError naming it by
 * `host:port/db` (never the URL, which may hold a password); other errors pass through.
 */
export function reachError(identity: string, error: unknown): unknown {
  if (classifyPostgresError(error) !== 'transient' && !/password|authentication|does not exist/i.test((error as Error)?.message ?? '')) return error;
  return new SluiceConnectionError(`cannot use postgres:${identity}: ${(error as Error)?.message ?? String(error)}; check the URL and that the server is up`, { cause: error });
}
