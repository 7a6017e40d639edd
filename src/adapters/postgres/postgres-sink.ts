import { SluiceConfigError, SluiceKeyTypeError } from '../../core/errors.js';
import { ensureOpen } from '../../core/ensure-open.js';
import { qualify } from '../../core/qualified-name.js';
import { clipError, DEFAULT_LOG_TABLE } from '../../checkpoint/processing-log.js';
import type { RecordKey } from '../../core/record.js';
import type { CheckpointEntry, CommitBatch, ErrorClass, Sink, SinkContext } from '../../sink/sink.js';
import type { CheckpointLocation } from '../../source/source.js';
import { keptRowRanges } from '../../sink/kept-row-ranges.js';
import { finishQueueItems, DEFAULT_QUEUE_TABLE } from './postgres-claim-queue.js';
import { inTransaction, openPostgres, postgresNameParts, quoteIdent, type PgClient, type PgHandle, type PostgresConnectionOptions } from './postgres-driver.js';
import { classifyPostgresError, reachError } from './postgres-errors.js';
import { columnType, logKeyType } from './postgres-catalog.js';
import { TableInserter, type InsertPath } from './postgres-insert.js';
import { asKeyType, DDL_LOCK_SQL, postgresInitStatements, postgresLogMigration, type PostgresKeyType } from './postgres-schema.js';
import { TableDeleter } from './postgres-delete.js';
import { arrayLiteral } from './postgres-array-literal.js';

/** The log's columns hold strings and numbers only: their array literal is always written here. */
const literal = (values: readonly unknown[]): unknown => arrayLiteral(values) ?? values;

/** Options of `postgresSink`. */
export interface PostgresSinkOptions extends PostgresConnectionOptions {
  /** Schema of the target tables, and of the log and queue tables unless they are qualified. @default the search_path */
  readonly schema?: string;
  /** Checkpoint table. @default 'processing_log' */
  readonly logTable?: string;
  /** Type of the log's `key` column, when the sink creates it. @default the source's key kind (text for text keys) when the run knows it, else 'bigint' */
  readonly keyType?: PostgresKeyType;
  /** How rows are inserted; `unnest` measured fastest here (docs/postgres.md). @default 'unnest' */
  readonly insertPath?: InsertPath;
  /** Claim queue whose items this sink finishes in the same transaction as their rows. */
  readonly queue?: { readonly name: string; /** @default 'sluice_queue' */ readonly table?: string };
}

/**
 * Writes rows and `processing_log` entries to PostgreSQL, one transaction per batch. The log
 * entries go first (`ON CONFLICT DO NOTHING` unless the old entry can be replaced), and rows are
 * inserted only for the keys that entry went in for: a record another process committed meanwhile
 * (a lost lease) is never written twice. With `queue`, its items are finished in that transaction.
 * Reprocessing, the batch's keys' previous rows are deleted in that transaction first.
 *
 * @example
 * ```ts
 * const sink = postgresSink({ url: process.env.DATABASE_URL, schema: 'loans', poolMax: 4 });
 * ```
 */
export function postgresSink(options: PostgresSinkOptions): Sink {
  return new PostgresSink(options);
}

class PostgresSink implements Sink {
  readonly name: string;
  readonly checkpoint: CheckpointLocation;
  readonly replacesRows = true;
  private handle: PgHandle | undefined;
  private context: SinkContext | undefined;
  private inserters: TableInserter[] = [];
  /** One per table when reprocessing, else none. */
  private deleters: TableDeleter[] = [];
  /** The log's key type: the option when the sink creates the log, else what the table has. */
  private keyType: PostgresKeyType;
  private queueKeyType: PostgresKeyType;
  private logSql = '';
  private readonly queueTable: string | undefined;

  constructor(private readonly options: PostgresSinkOptions) {
    this.handle = openPostgres(options, { poolMax: 4 });
    this.name = `postgres:${this.handle.identity}`;
    this.keyType = options.keyType ?? 'bigint';
    this.queueKeyType = this.keyType;
    this.checkpoint = { kind: 'postgres', database: this.handle.identity, table: qualify(options.logTable ?? DEFAULT_LOG_TABLE, options.schema, postgresNameParts) };
    this.queueTable = options.queue && qualify(options.queue.table ?? DEFAULT_QUEUE_TABLE, options.schema, postgresNameParts);
  }

  private logStatement(k: string, reprocess: boolean): string {
    // A failed or skipped entry may be replaced (retryFailed); a succeeded one only when reprocessing.
    return `INSERT INTO ${quoteIdent(this.checkpoint.table)} AS l ("key", "status", "attempts", "error", "instance_id", "instance_count", "run_id", "started_at", "finished_at", "mapping_version")
SELECT u.k, u.s, u.a, u.e, $5, $6, $7, to_timestamp(u.t0 / 1000.0), to_timestamp(u.t1 / 1000.0), $10
FROM unnest($1::${k}[], $2::text[], $3::int[], $4::text[], $8::float8[], $9::float8[]) AS u(k, s, a, e, t0, t1)
ON CONFLICT ("key") DO UPDATE SET "status" = excluded."status", "attempts" = excluded."attempts", "error" = excluded."error",
  "instance_id" = excluded."instance_id", "instance_count" = excluded."instance_count", "run_id" = excluded."run_id",
  "started_at" = excluded."started_at", "finished_at" = excluded."finished_at", "mapping_version" = excluded."mapping_version"
${reprocess ? '' : `WHERE l."status" <> 'succeeded'\n`}RETURNING l."key"`;
  }

  async open(context: SinkContext): Promise<void> {
    const { pool } = this.live('open');
    this.context = context;
    // The source's key kind decides the log's key type unless the option does: text keys in a bigint log fail every record.
    if (this.options.keyType === undefined && context.keyKind) this.keyType = context.keyKind === 'text' ? 'text' : 'bigint';
    this.queueKeyType = this.keyType;
    const path = this.options.insertPath ?? 'unnest';
    this.inserters = context.tables.map((t) => new TableInserter(t, qualify(t.name, this.options.schema, postgresNameParts), path));
    if (context.reprocess && this.queueTable) {
      throw new SluiceConfigError('reprocess reads the source table again; it does not go with a claim queue (queue): run it without one', 'reprocess');
    }
    this.deleters = context.reprocess ? context.tables.map((t) => new TableDeleter(t, qualify(t.name, this.options.schema, postgresNameParts))) : [];
    try {
      if (context.createTables) await this.createTables(context);
      await this.migrateLog();
      // An existing table decides: a log created as text by `sluice init --key-type text` stays text.
      this.keyType = asKeyType(await logKeyType(pool, this.checkpoint.table)) ?? this.keyType;
      if (this.queueTable) this.queueKeyType = asKeyType(await columnType(pool, this.queueTable, 'key')) ?? this.keyType;
    } catch (error) {
      throw reachError(this.live('open').identity, error);
    }
    this.logSql = this.logStatement(this.keyType, context.reprocess === true);
  }

  /** Adds `mapping_version` to a log made before it existed; nothing when the log is missing or has it. */
  private async migrateLog(): Promise<void> {
    const { pool } = this.live('open');
    if (!(await logKeyType(pool, this.checkpoint.table)) || (await columnType(pool, this.checkpoint.table, 'mapping_version'))) return;
    await inTransaction(pool, async (c) => {
      await c.query(DDL_LOCK_SQL);
      await c.query(postgresLogMigration(this.checkpoint.table));
    });
  }

  private async createTables(context: SinkContext): Promise<void> {
    const { pool } = this.live('open');
    const ddl = postgresInitStatements({
      tables: context.tables,
      ...(this.options.schema && { schema: this.options.schema }),
      logTable: this.checkpoint.table,
      keyType: this.keyType,
      ...(this.queueTable && { queueTable: this.queueTable }),
    });
    await inTransaction(pool, async (c) => {
      await c.query(DDL_LOCK_SQL);
      for (const s of ddl) await c.query(s);
    });
  }

  async write(batch: CommitBatch): Promise<void> {
    const { pool } = this.live('write');
    if (batch.entries.length === 0) return;
    await inTransaction(pool, async (c) => {
      // Reprocessing: the batch's previous rows go first, in the transaction that inserts the new ones.
      for (const d of this.deleters) await d.delete(c, batch.entries.map((e) => e.key));
      const written = await this.insertLog(c, batch.entries);
      const all = written.size === batch.entries.length;
      for (let t = 0; t < this.inserters.length; t++) await this.inserters[t]!.insert(c, keptRowRanges(batch, t, all ? undefined : written));
      if (this.queueTable && written.size) {
        const done = batch.entries.filter((e) => written.has(e.key));
        await finishQueueItems(c, this.queueTable, this.options.queue!.name, this.queueKeyType, done);
      }
    });
  }

  /** Inserts the entries in key order (so concurrent writers lock in one order); returns the keys written. */
  private async insertLog(c: PgClient, entries: readonly CheckpointEntry[]): Promise<Set<RecordKey>> {
    const ctx = this.context!;
    const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (this.keyType === 'bigint') for (const e of sorted) if (typeof e.key !== 'number' && !/^-?\d+$/.test(e.key)) throw new SluiceKeyTypeError(e.key, this.keyType);
    const r = await c.query<[unknown]>({
      text: this.logSql,
      rowMode: 'array',
      values: [
        literal(sorted.map((e) => e.key)),
        literal(sorted.map((e) => e.status)),
        literal(sorted.map((e) => e.attempts)),
        literal(sorted.map((e) => clipError(e.error))),
        ctx.instanceId,
        ctx.instanceCount,
        ctx.runId,
        literal(sorted.map((e) => e.startedAt)),
        literal(sorted.map((e) => e.finishedAt)),
        ctx.mappingVersion ?? null,
      ],
    });
    if (r.rows.length === entries.length) return new Set(entries.map((e) => e.key));
    const written = new Set(r.rows.map((row) => String(row[0])));
    return new Set(entries.filter((e) => written.has(String(e.key))).map((e) => e.key));
  }

  classify(error: unknown): ErrorClass {
    if (error instanceof SluiceKeyTypeError) return 'fatal';
    return classifyPostgresError(error);
  }

  async checkpointed(keys: readonly RecordKey[], retryFailed: boolean, mappingVersion?: string): Promise<Set<RecordKey>> {
    const rows = await this.select('checkpointed', keys, retryFailed ? `AND "status" <> 'failed'` : '', mappingVersion);
    const found = new Set(rows.map((r) => String(r[0])));
    return new Set(keys.filter((k) => found.has(String(k))));
  }

  async attempts(keys: readonly RecordKey[]): Promise<Map<RecordKey, number>> {
    const rows = await this.select('attempts', keys, '');
    const byKey = new Map(rows.map((r) => [String(r[0]), Number(r[1])]));
    const out = new Map<RecordKey, number>();
    for (const k of keys) {
      const n = byKey.get(String(k));
      if (n !== undefined) out.set(k, n);
    }
    return out;
  }

  private async select(method: string, keys: readonly RecordKey[], extra: string, mappingVersion?: string): Promise<unknown[][]> {
    if (keys.length === 0) return [];
    const version = mappingVersion === undefined ? '' : ` AND "mapping_version" = $2`;
    const r = await this.live(method).pool.query<unknown[]>({
      text: `SELECT "key", "attempts" FROM ${quoteIdent(this.checkpoint.table)} WHERE "key" = ANY($1::${this.keyType}[]) ${extra}${version}`,
      values: mappingVersion === undefined ? [keys] : [keys, mappingVersion],
      rowMode: 'array',
    });
    return r.rows;
  }

  private live(method: string): PgHandle {
    return ensureOpen(this.handle, this.name, method);
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    await h?.close();
  }
}

export { SluiceKeyTypeError };
