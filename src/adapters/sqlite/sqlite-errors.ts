import type { ErrorClass } from '../../sink/sink.js';

/**
 * How the core should treat a better-sqlite3 error (its `code` is SQLite's extended result code):
 * a lock held by another connection passes; a constraint or type error belongs to a record;
 * anything else (no such table, read-only file, disk full) stops the run.
 */
export function classifySqliteError(error: unknown): ErrorClass {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return 'fatal';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'transient';
  if (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG') return 'record';
  return 'fatal';
}
