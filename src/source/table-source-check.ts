import { SluiceConfigError } from '../core/errors.js';

/** What a table source reads: the names its `check()` verifies before a run creates anything. */
export interface TableSourceShape {
  /** The database, as the source names it (`sqlite:loans.db`, `postgres:host:5432/db`); never a secret. */
  readonly database: string;
  readonly table: string;
  readonly keyColumn: string;
  readonly payloadColumn: string;
  readonly where?: string;
}

/** What an adapter found in its catalog about the source table. */
export interface FoundTable {
  /** The table's columns, in order; undefined if there is no such table (or view). */
  readonly columns: readonly string[] | undefined;
  /** Some tables that do exist there, to suggest one when the table is missing. */
  readonly tables?: readonly string[];
  /** True if the database compares identifiers regardless of case (SQLite, SQL Server). */
  readonly caseInsensitive: boolean;
}

const LISTED = 12;

function list(names: readonly string[]): string {
  return names.length > LISTED ? `${names.slice(0, LISTED).join(', ')}, …` : names.join(', ');
}

/**
 * Throws a SluiceConfigError naming the first thing missing: the table, its key column or its
 * payload column. One line, saying what to set (option and CLI flag), so that a run stops
 * before it creates anything rather than at its first page with a driver's stack trace.
 */
export function assertTableShape(shape: TableSourceShape, found: FoundTable): void {
  const { columns } = found;
  if (!columns) {
    const there = found.tables?.length ? ` (tables there: ${list(found.tables)})` : ' (it has no tables)';
    throw new SluiceConfigError(
      `source table "${shape.table}" does not exist in ${shape.database}${found.tables ? there : ''}; set table (--table) to the table holding the XML records`,
      'table',
    );
  }
  const has = (name: string) => columns.some((c) => (found.caseInsensitive ? c.toLowerCase() === name.toLowerCase() : c === name));
  if (!has(shape.keyColumn)) {
    throw new SluiceConfigError(
      `source table "${shape.table}" has no key column "${shape.keyColumn}" (its columns: ${list(columns)}); set keyColumn (--key) to the column holding the record key`,
      'keyColumn',
    );
  }
  if (!has(shape.payloadColumn)) {
    throw new SluiceConfigError(
      `source table "${shape.table}" has no payload column "${shape.payloadColumn}" (its columns: ${list(columns)}); set payloadColumn (--payload) to the column holding the XML`,
      'payloadColumn',
    );
  }
}

/** The error for a `where` condition the database refuses, with the database's own reason. */
export function badWhereError(shape: TableSourceShape, cause: unknown): SluiceConfigError {
  const reason = ((cause as Error)?.message ?? String(cause)).split('\n')[0];
  const error = new SluiceConfigError(
    `the source condition where (--where) ${JSON.stringify(shape.where)} is not valid on "${shape.table}" in ${shape.database}: ${reason}; fix the SQL condition`,
    'where',
  );
  error.cause = cause;
  return error;
}
