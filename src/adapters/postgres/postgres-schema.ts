import type { ColumnDef } from '../../mapper/column.js';
import type { TableSchema } from '../../mapper/table.js';
import { postgresNameParts, quoteIdent } from './postgres-driver.js';

/** SQL type of the `key` column of `processing_log` and the queue: match the source's key. */
export type PostgresKeyType = 'bigint' | 'text';

/** bigint for an integer column type, text for anything else; undefined when there is no column. */
export function asKeyType(sqlType: string | undefined): PostgresKeyType | undefined {
  if (!sqlType) return undefined;
  return /^(smallint|integer|bigint)$/.test(sqlType) ? 'bigint' : 'text';
}

/** The PostgreSQL type of a mapper column. */
export function postgresType(c: ColumnDef): string {
  switch (c.type) {
    case 'integer':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'number':
      return 'double precision';
    case 'decimal':
      return `numeric(${c.precision ?? 18},${c.scale ?? 2})`;
    case 'text':
      return c.maxLength !== undefined ? `varchar(${c.maxLength})` : 'text';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamptz';
  }
}

/** `schema.table` → `table`: index names live in the table's schema and are not qualified. */
export function baseName(table: string): string {
  return postgresNameParts(table).at(-1)!;
}

function schemaDdl(table: string): string[] {
  const parts = postgresNameParts(table);
  return parts.length > 1 ? [`CREATE SCHEMA IF NOT EXISTS ${quotePart(parts.at(-2)!)}`] : [];
}

/** One identifier, quoted whole: index names made from a table name keep its dots. */
function quotePart(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** CREATE TABLE / INDEX statements for one of the mapper's tables (`name` may be schema-qualified). */
export function postgresTableDdl(table: TableSchema, name = table.name): string[] {
  const cols = table.columns.map((c) => `  ${quoteIdent(c.name)} ${postgresType(c)}${c.nullable ? '' : ' NOT NULL'}`);
  if (table.primaryKey.length) cols.push(`  PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(', ')})`);
  const out = [...schemaDdl(name), `CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} (\n${cols.join(',\n')}\n)`];
  for (const ix of table.indexes) {
    const ixName = `${baseName(name)}_${ix.join('_')}_idx`;
    out.push(`CREATE INDEX IF NOT EXISTS ${quotePart(ixName)} ON ${quoteIdent(name)} (${ix.map(quoteIdent).join(', ')})`);
  }
  return out;
}

/** The checkpoint table, with the index that resume (`status`) and per-instance monitoring use. */
export function postgresLogDdl(logTable: string, keyType: PostgresKeyType = 'bigint'): string[] {
  const t = quoteIdent(logTable);
  return [
    ...schemaDdl(logTable),
    `CREATE TABLE IF NOT EXISTS ${t} (
  "key" ${keyType} PRIMARY KEY,
  "status" text NOT NULL CHECK ("status" IN ('succeeded', 'failed', 'skipped')),
  "attempts" integer NOT NULL DEFAULT 1,
  "error" text,
  "instance_id" integer NOT NULL DEFAULT 0,
  "instance_count" integer NOT NULL DEFAULT 1,
  "run_id" text,
  "started_at" timestamptz,
  "finished_at" timestamptz,
  "mapping_version" text
)`,
    `CREATE INDEX IF NOT EXISTS ${quotePart(`${baseName(logTable)}_status_idx`)} ON ${t} ("status", "instance_id")`,
  ];
}

/**
 * Adds `mapping_version` to a log created before it existed (NULL in old entries: loaded by an
 * unknown, older version). Idempotent, safe with several processes at once (under DDL_LOCK_SQL).
 */
export function postgresLogMigration(logTable: string): string {
  return `ALTER TABLE ${quoteIdent(logTable)} ADD COLUMN IF NOT EXISTS "mapping_version" text`;
}

/**
 * The claim queue's work table. Partial indexes keep claims cheap however many items are done:
 * pending items in claim order, claimed items by lease expiry (reclaim) and by owner (heartbeat).
 */
export function postgresQueueDdl(queueTable: string, keyType: PostgresKeyType = 'bigint'): string[] {
  const t = quoteIdent(queueTable);
  const b = baseName(queueTable);
  return [
    ...schemaDdl(queueTable),
    `CREATE TABLE IF NOT EXISTS ${t} (
  "queue" text NOT NULL DEFAULT 'default',
  "key" ${keyType} NOT NULL,
  "priority" integer NOT NULL DEFAULT 0,
  "status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'claimed', 'done', 'dead')),
  "attempts" integer NOT NULL DEFAULT 0,
  "lease_owner" text,
  "lease_expires_at" timestamptz,
  "last_error" text,
  "enqueued_at" timestamptz NOT NULL DEFAULT now(),
  "updated_at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("queue", "key")
)`,
    `CREATE INDEX IF NOT EXISTS ${quotePart(`${b}_pending_idx`)} ON ${t} ("queue", "priority" DESC, "key") WHERE "status" = 'pending'`,
    `CREATE INDEX IF NOT EXISTS ${quotePart(`${b}_lease_idx`)} ON ${t} ("queue", "lease_expires_at") WHERE "status" = 'claimed'`,
    `CREATE INDEX IF NOT EXISTS ${quotePart(`${b}_owner_idx`)} ON ${t} ("lease_owner") WHERE "status" = 'claimed'`,
  ];
}

/** A lock key for DDL: concurrent `CREATE TABLE IF NOT EXISTS` from several processes can collide. */
export const DDL_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('sluice:ddl'))`;

/** What `sluice init` creates: the mapper's tables, the log and (optionally) the queue. */
export interface PostgresInitSpec {
  readonly tables: readonly TableSchema[];
  /** Schema of the tables unless they are qualified. */
  readonly schema?: string;
  /** @default 'processing_log' */
  readonly logTable?: string;
  /** @default 'bigint' */
  readonly keyType?: PostgresKeyType;
  /** The queue's work table; none if undefined. */
  readonly queueTable?: string;
}

/** Every DDL statement of `sluice init`, in order, idempotent (IF NOT EXISTS). */
export function postgresInitStatements(spec: PostgresInitSpec): string[] {
  const q = (name: string) => (spec.schema && !name.includes('.') ? `${spec.schema}.${name}` : name);
  const all = [
    ...spec.tables.flatMap((t) => postgresTableDdl(t, q(t.name))),
    ...postgresLogDdl(q(spec.logTable ?? 'processing_log'), spec.keyType),
    ...(spec.queueTable ? postgresQueueDdl(q(spec.queueTable), spec.keyType) : []),
  ];
  return [...new Set(all)]; // one CREATE SCHEMA, not one per table
}
