import { resolve } from 'node:path';
import type { RecordKey } from '../../core/record.js';
import { ensureOpen } from '../../core/ensure-open.js';
import { nextTurn } from '../../core/next-turn.js';
import { Serial } from '../../core/serial.js';
import { clipError, DEFAULT_LOG_TABLE } from '../../checkpoint/processing-log.js';
import type { CommitBatch, ErrorClass, Sink, SinkContext } from '../../sink/sink.js';
import { slicesOf } from '../../sink/commit-batch.js';
import { rowRange } from '../../worker/mapped-batch.js';
import { openSqliteWriter, quoteIdent, sqlString, type SqliteConnectionOptions, type SqliteDatabase, type SqliteStatement } from './sqlite-driver.js';
import { classifySqliteError } from './sqlite-errors.js';
import { TableInsert } from './sqlite-insert.js';
import { keyOf } from './sqlite-keys.js';
import { migrateSqliteLog, sqliteLogDdl, sqliteTableDdl } from './sqlite-schema.js';
import { TableDelete } from './sqlite-delete.js';

/**
 * A write runs its statements this long at most before it lets the event loop serve what waits.
 * The main thread is the pipeline's: while a commit held it whole (about 78 ms for 1,000
 * attribute-heavy records), workers' results waited and workers that had run out of tasks got
 * none; docs/bench.md has the measurements.
 */
const TURN_MILLIS = 5;

/** Options of `sqliteSink`. */
export interface SqliteSinkOptions extends SqliteConnectionOptions {
  /** Checkpoint table. @default 'processing_log' */
  readonly logTable?: string;
}

/**
 * Writes rows and `processing_log` entries to a SQLite file, one transaction per batch, with
 * cached multi-row prepared INSERTs. WAL mode: sources may read the same file meanwhile. A commit
 * gives the event loop a turn every few milliseconds, so the pipeline's workers keep busy while
 * it runs; its rows are visible only once it commits.
 * Reprocessing, the batch's keys' previous rows are deleted in that transaction first.
 *
 * @example
 * ```ts
 * const sink = sqliteSink({ file: 'loans.db' });
 * ```
 */
export function sqliteSink(options: SqliteSinkOptions): Sink {
  return new SqliteSink(options);
}

class SqliteSink implements Sink {
  readonly name: string;
  readonly checkpoint;
  readonly replacesRows = true;
  private db: SqliteDatabase | undefined;
  private context: SinkContext | undefined;
  private inserts: TableInsert[] = [];
  /** One per table when reprocessing, else none. */
  private deletes: TableDelete[] = [];
  private logInsert: TableInsert | undefined;
  private tx: { readonly begin: SqliteStatement; readonly commit: SqliteStatement; readonly rollback: SqliteStatement } | undefined;
  /**
   * Writes, and the checkpoint reads, one at a time on the one connection: a write's transaction
   * stays open across turns of the event loop, and a read in the middle would see its rows
   * before they commit (or when they roll back).
   */
  private readonly serial = new Serial();

  constructor(private readonly options: SqliteSinkOptions) {
    this.name = `sqlite:${options.file}`;
    this.checkpoint = { kind: 'sqlite', database: resolve(options.file), table: options.logTable ?? DEFAULT_LOG_TABLE };
  }

  async open(context: SinkContext): Promise<void> {
    const db = await openSqliteWriter(this.options);
    this.db = db;
    this.context = context;
    const create = db.transaction(() => {
      if (context.createTables) {
        for (const t of context.tables) for (const s of sqliteTableDdl(t)) db.exec(s);
        for (const s of sqliteLogDdl(this.checkpoint.table, context.keyKind)) db.exec(s);
      }
      migrateSqliteLog(db, this.checkpoint.table);
    });
    try {
      create(); // takes no write lock when every table exists
    } catch (error) {
      // Two processes creating the tables at once: a read-to-write upgrade fails at once with
      // SQLITE_BUSY; IMMEDIATE queues on the write lock (busy timeout) instead.
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
      create.immediate();
    }
    this.inserts = context.tables.map((t) => new TableInsert(db, t.name, t.columns.map((c) => c.name)));
    this.deletes = context.reprocess ? context.tables.map((t) => new TableDelete(db, t.name, t.keyColumn!)) : [];
    this.logInsert = new TableInsert(
      db,
      this.checkpoint.table,
      ['key', 'status', 'attempts', 'error', 'instance_id', 'instance_count', 'run_id', 'started_at', 'finished_at', 'mapping_version'],
      // A retried failed record replaces its old entry; a succeeded one only when reprocessing.
      ` ON CONFLICT("key") DO UPDATE SET "status" = excluded."status", "attempts" = excluded."attempts", "error" = excluded."error",
        "instance_id" = excluded."instance_id", "instance_count" = excluded."instance_count", "run_id" = excluded."run_id",
        "started_at" = excluded."started_at", "finished_at" = excluded."finished_at", "mapping_version" = excluded."mapping_version"${context.reprocess ? '' : ` WHERE "status" <> 'succeeded'`}`,
    );
    // IMMEDIATE: the write lock is taken at BEGIN (or SQLITE_BUSY, retried), not on the first insert.
    this.tx = { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT'), rollback: db.prepare('ROLLBACK') };
  }

  async write(batch: CommitBatch): Promise<void> {
    return this.serial.run(() => this.writeInTurns(batch));
  }

  /** One transaction; between workers' slices of the batch, the event loop gets a turn every `TURN_MILLIS`. */
  private async writeInTurns(batch: CommitBatch): Promise<void> {
    const tx = ensureOpen(this.tx, this.name, 'write');
    const db = this.db!;
    tx.begin.run();
    try {
      await this.writeStatements(batch);
      tx.commit.run();
    } catch (error) {
      // SQLite may have rolled back already (SQLITE_FULL, an interrupted statement).
      if (db.inTransaction) tx.rollback.run();
      throw error;
    }
  }

  private async writeStatements(batch: CommitBatch): Promise<void> {
    if (this.deletes.length) {
      const keys = batch.entries.map((e) => this.bindKey(e.key));
      for (const d of this.deletes) d.delete(keys);
    }
    let turn = performance.now();
    for (const slice of slicesOf(batch)) {
      if (performance.now() - turn >= TURN_MILLIS) {
        await nextTurn();
        turn = performance.now();
      }
      for (let t = 0; t < this.inserts.length; t++) {
        const [a, b] = rowRange(slice, t);
        if (b > a) this.inserts[t]!.insertRows(slice.batch.rows[t]!, a, b);
      }
    }
    const ctx = this.context!;
    const values: unknown[] = [];
    for (const e of batch.entries) {
      values.push(this.bindKey(e.key), e.status, e.attempts, clipError(e.error), ctx.instanceId, ctx.instanceCount, ctx.runId,
        new Date(e.startedAt).toISOString(), new Date(e.finishedAt).toISOString(), ctx.mappingVersion ?? null);
    }
    this.logInsert!.insert(values, 0, batch.entries.length);
  }

  /**
   * A key as bound to the log: integers as SQLite integers (a JavaScript number would be bound as
   * a REAL), and, from an integer source, a 64-bit key's decimal string as the integer it is.
   */
  private bindKey(key: RecordKey): unknown {
    if (typeof key === 'number') return Number.isInteger(key) ? BigInt(key) : key;
    return this.context?.keyKind === 'integer' && /^-?\d{1,19}$/.test(key) ? BigInt(key) : key;
  }

  classify(error: unknown): ErrorClass {
    return classifySqliteError(error);
  }

  async checkpointed(keys: readonly RecordKey[], retryFailed: boolean, mappingVersion?: string): Promise<Set<RecordKey>> {
    const extra = `${retryFailed ? `AND "status" <> 'failed'` : ''}${mappingVersion === undefined ? '' : ` AND "mapping_version" = ${sqlString(mappingVersion)}`}`;
    return new Set((await this.select(keys, extra)).map((r) => keyOf(r[0])));
  }

  async attempts(keys: readonly RecordKey[]): Promise<Map<RecordKey, number>> {
    return new Map((await this.select(keys, '')).map((r) => [keyOf(r[0]), Number(r[1])]));
  }

  /** `[key, attempts]` of the log entries of these keys (500 keys a query), between writes. */
  private select(keys: readonly RecordKey[], extra: string): Promise<[unknown, unknown][]> {
    return this.serial.run(() => this.selectNow(keys, extra));
  }

  private selectNow(keys: readonly RecordKey[], extra: string): [unknown, unknown][] {
    const db = this.db;
    if (!db || keys.length === 0) return [];
    const out: [unknown, unknown][] = [];
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500).map((k) => this.bindKey(k));
      const sql = `SELECT "key", "attempts" FROM ${quoteIdent(this.checkpoint.table)} WHERE "key" IN (${chunk.map(() => '?').join(',')}) ${extra}`;
      out.push(...(db.prepare(sql).raw(true).safeIntegers(true).all(...chunk) as [unknown, unknown][]));
    }
    return out;
  }

  async close(): Promise<void> {
    await this.serial.idle(); // a write in progress commits (or rolls back) first
    this.db?.close();
    this.db = undefined;
    this.tx = undefined;
  }
}
