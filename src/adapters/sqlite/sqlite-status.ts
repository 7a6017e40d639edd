import { DEFAULT_LOG_TABLE } from '../../checkpoint/processing-log.js';
import type { InstanceStatus } from '../../checkpoint/instance-status.js';
import type { VersionCount } from '../../checkpoint/version-count.js';
import { openSqlite, quoteIdent, type SqliteConnectionOptions } from './sqlite-driver.js';
import { columnType, tableExists } from './sqlite-catalog.js';

/** processing_log counts of a SQLite database, overall and per instance (the origin system's monitoring query). */
export interface SqliteStatus {
  readonly database: string;
  readonly log: { readonly succeeded: number; readonly failed: number; readonly skipped: number };
  readonly instances: readonly InstanceStatus[];
  /** Succeeded records per mapping version, most first. */
  readonly versions: readonly VersionCount[];
}

/** Options of `sqliteStatus`. */
export interface SqliteStatusOptions extends SqliteConnectionOptions {
  /** @default 'processing_log' */
  readonly logTable?: string;
}

/**
 * Reads load progress from a SQLite file's processing_log, from any process, while loads run.
 *
 * @example
 * ```ts
 * const s = sqliteStatus({ file: 'loans.db' });
 * console.log(s.log.succeeded, s.instances);
 * ```
 */
export function sqliteStatus(options: SqliteStatusOptions): SqliteStatus {
  const db = openSqlite(options, 'read');
  try {
    const table = options.logTable ?? DEFAULT_LOG_TABLE;
    if (!tableExists(db, table)) return { database: options.file, log: { succeeded: 0, failed: 0, skipped: 0 }, instances: [], versions: [] };
    const rows = db
      .prepare(
        `SELECT instance_id AS instanceId, instance_count AS instanceCount,
                sum(status = 'succeeded') AS succeeded, sum(status = 'failed') AS failed, sum(status = 'skipped') AS skipped,
                max(finished_at) AS lastFinishedAt
           FROM ${quoteIdent(table)} GROUP BY instance_id, instance_count ORDER BY instance_count, instance_id`,
      )
      .all() as InstanceStatus[];
    const sum = (k: 'succeeded' | 'failed' | 'skipped') => rows.reduce((a, r) => a + r[k], 0);
    // A log no run has opened since mapping_version came has no such column: all of unknown version.
    const versioned = columnType(db, table, 'mapping_version') !== undefined;
    const versions = db
      .prepare(
        `SELECT ${versioned ? 'mapping_version' : 'NULL'} AS mappingVersion, count(*) AS succeeded FROM ${quoteIdent(table)}
          WHERE status = 'succeeded' GROUP BY 1 ORDER BY 2 DESC, 1`,
      )
      .all() as VersionCount[];
    return { database: options.file, log: { succeeded: sum('succeeded'), failed: sum('failed'), skipped: sum('skipped') }, instances: rows, versions };
  } finally {
    db.close();
  }
}
