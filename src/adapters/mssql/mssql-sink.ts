import { clipError, DEFAULT_LOG_TABLE } from '../../checkpoint/processing-log.js';
import type { RecordKey } from '../../core/record.js';
import type { CheckpointEntry, CommitBatch, ErrorClass, Sink, SinkContext } from '../../sink/sink.js';
import type { CheckpointLocation } from '../../source/source.js';
import { SluiceConfigError, SluiceKeyTypeError } from '../../core/errors.js';
import { keptRowRanges } from '../../sink/kept-row-ranges.js';
import { buildBulkTable } from './mssql-bulk.js';
import { DEFAULT_QUEUE_TABLE, finishQueueItems } from './mssql-claim-queue.js';
import { nameParts, execute, inTransaction, openMssql, quoteName, type MssqlBulkOptions, type MssqlConnectionOptions, type MssqlHandle, type MssqlTransaction, type Statement } from './mssql-driver.js';
import { ensureOpen } from '../../core/ensure-open.js';
import { qualify } from '../../core/qualified-name.js';
import { classifyMssqlError, reachError, SluiceLogConflictError } from './mssql-errors.js';
import { applyMssqlSchema, asKeyType, keySqlType, mssqlInitStatements, mssqlLogMigration, type MssqlKeyType } from './mssql-schema.js';
import { tableDeleteSql } from './mssql-delete.js';
import { columnInfo, connected } from './mssql-catalog.js';

/** Options of `mssqlSink`. */
export interface MssqlSinkOptions extends MssqlConnectionOptions {
  /** Schema of the target tables, and of the log and queue tables unless they are qualified. @default the URL's `schema`, else the login's default schema (dbo) */
  readonly schema?: string;
  /** Checkpoint table. @default 'processing_log' */
  readonly logTable?: string;
  /** Type of the log's `key` column, when the sink creates it: the source's key type. @default 'bigint' */
  readonly keyType?: MssqlKeyType;
  /** Bulk load options. @default { checkConstraints: true, keepNulls: true, fireTriggers: false, lockTable: false } */
  readonly bulk?: MssqlBulkOptions;
  /** Claim queue whose items this sink finishes in the same transaction as their rows. */
  readonly queue?: { readonly name: string; /** @default 'sluice_queue' */ readonly table?: string };
}

/** Sluice's bulk defaults: the same checks an INSERT would make (docs/sqlserver.md). */
export const DEFAULT_BULK_OPTIONS: Required<MssqlBulkOptions> = { checkConstraints: true, keepNulls: true, fireTriggers: false, lockTable: false };

/**
 * The log write of a batch, reporting the keys it wrote: a failed or skipped entry is replaced
 * (retryFailed), a succeeded one never is, and a new key is inserted. A key that another process
 * inserts at the same moment makes the INSERT fail on the primary key; the batch is then retried
 * and the key skipped (see docs/sqlserver.md for why this beats locking with HOLDLOCK).
 */
export function logWriteSql(logTable: string, keyType: MssqlKeyType, reprocess = false): string {
  const l = quoteName(logTable);
  const k = keySqlType(keyType);
  const entries = `OPENJSON(@entries) WITH ([key] ${k} '$.k', [status] NVARCHAR(16) '$.s', [attempts] INT '$.a', [error] NVARCHAR(MAX) '$.e',
  [started_at] DATETIME2(3) '$.t0', [finished_at] DATETIME2(3) '$.t1')`;
  // Reprocessing replaces succeeded entries too.
  return `DECLARE @written TABLE ([key] ${k} NOT NULL);
UPDATE l SET [status] = s.[status], [attempts] = s.[attempts], [error] = s.[error], [instance_id] = @instance_id,
  [instance_count] = @instance_count, [run_id] = @run_id, [started_at] = s.[started_at], [finished_at] = s.[finished_at],
  [mapping_version] = @mapping_version
OUTPUT inserted.[key] INTO @written
FROM ${l} l INNER JOIN ${entries} s ON l.[key] = s.[key]${reprocess ? '' : `
WHERE l.[status] <> N'succeeded'`};
INSERT INTO ${l} ([key], [status], [attempts], [error], [instance_id], [instance_count], [run_id], [started_at], [finished_at], [mapping_version])
OUTPUT inserted.[key] INTO @written
SELECT s.[key], s.[status], s.[attempts], s.[error], @instance_id, @instance_count, @run_id, s.[started_at], s.[finished_at], @mapping_version
FROM ${entries} s
WHERE NOT EXISTS (SELECT 1 FROM ${l} l WHERE l.[key] = s.[key]);
SELECT [key] FROM @written;`;
}

/** Epoch ms → ISO 8601 without a zone, as DATETIME2 parses it whatever the session's language (UTC). */
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 23);

/**
 * Writes rows and `processing_log` entries to SQL Server, one transaction per batch: first the
 * log entries (reporting which keys went in), then one bulk load per target table with the rows
 * of exactly those keys: a record another process committed meanwhile (a lost lease) is never
 * written twice. With `queue`, its items are finished in that transaction. Reprocessing, the
 * batch's keys' previous rows are deleted in that transaction first.
 *
 * @example
 * ```ts
 * const sink = mssqlSink({ url: 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;Trusted_Connection=yes', schema: 'sandbox', poolMin: 4, poolMax: 20 });
 * ```
 */
export function mssqlSink(options: MssqlSinkOptions): Sink {
  return new MssqlSink(options);
}

class MssqlSink implements Sink {
  readonly name: string;
  readonly checkpoint: CheckpointLocation;
  readonly replacesRows = true;
  private handle: MssqlHandle | undefined;
  private context: SinkContext | undefined;
  private readonly schema: string | undefined;
  /** The log's key type: the option when the sink creates the log, else what the table has. */
  private keyType: MssqlKeyType;
  private queueKeyType: MssqlKeyType;
  private logSql = '';
  private readonly queueTable: string | undefined;
  private readonly bulkOptions: Required<MssqlBulkOptions>;
  /** One DELETE per table when reprocessing, else none. */
  private deletes: string[] = [];

  constructor(private readonly options: MssqlSinkOptions) {
    this.handle = openMssql(options, { poolMax: 4 });
    this.schema = options.schema ?? this.handle.schema;
    this.name = `mssql:${this.handle.identity}`;
    this.keyType = options.keyType ?? 'bigint';
    this.queueKeyType = this.keyType;
    this.checkpoint = { kind: 'mssql', database: this.handle.identity, table: qualify(options.logTable ?? DEFAULT_LOG_TABLE, this.schema, nameParts) };
    this.queueTable = options.queue && qualify(options.queue.table ?? DEFAULT_QUEUE_TABLE, this.schema, nameParts);
    this.bulkOptions = { ...DEFAULT_BULK_OPTIONS, ...options.bulk };
  }

  async open(context: SinkContext): Promise<void> {
    const h = this.live('open');
    this.context = context;
    if (context.reprocess && this.queueTable) {
      throw new SluiceConfigError('reprocess reads the source table again; it does not go with a claim queue (queue): run it without one', 'reprocess');
    }
    this.deletes = context.reprocess ? context.tables.map((t) => tableDeleteSql(t, qualify(t.name, this.schema, nameParts))) : [];
    const pool = await connected(h);
    try {
      if (context.createTables) {
        await applyMssqlSchema(h.driver, pool, mssqlInitStatements({
          tables: context.tables,
          ...(this.schema && { schema: this.schema }),
          logTable: this.checkpoint.table,
          keyType: this.keyType,
          ...(this.queueTable && { queueTable: this.queueTable }),
        }));
      }
      const logKey = await columnInfo(h.driver, pool, this.checkpoint.table, 'key');
      // A log made before mapping_version existed gets the column (under the DDL lock, once).
      if (logKey && !(await columnInfo(h.driver, pool, this.checkpoint.table, 'mapping_version'))) {
        await applyMssqlSchema(h.driver, pool, [mssqlLogMigration(this.checkpoint.table)]);
      }
      // An existing table decides: a log created as text by `sluice init --key-type text` stays text.
      this.keyType = asKeyType(logKey?.type) ?? this.keyType;
      if (this.queueTable) this.queueKeyType = asKeyType((await columnInfo(h.driver, pool, this.queueTable, 'key'))?.type) ?? this.keyType;
    } catch (error) {
      throw reachError(h.identity, error);
    }
    this.logSql = logWriteSql(this.checkpoint.table, this.keyType, context.reprocess === true);
  }

  async write(batch: CommitBatch): Promise<void> {
    const h = this.live('write');
    if (batch.entries.length === 0) return;
    const pool = await h.connect();
    const tables = this.context!.tables;
    await inTransaction(h.driver, pool, async (tx) => {
      if (this.deletes.length) {
        // Reprocessing: the batch's previous rows go first, in the transaction that inserts the new ones.
        const keys = { name: 'keys', type: 'nvarchar(max)', value: JSON.stringify(batch.entries.map((e) => e.key)) } as const;
        for (const text of this.deletes) await execute(h.driver, tx, { text, params: [keys] });
      }
      const written = await this.writeLog(tx, batch.entries);
      const all = written.size === batch.entries.length;
      for (let t = 0; t < tables.length; t++) {
        const ranges = keptRowRanges(batch, t, all ? undefined : written);
        if (ranges.length === 0) continue;
        const table = buildBulkTable(h.driver, tables[t]!, qualify(tables[t]!.name, this.schema, nameParts), ranges);
        await new h.driver.Request(tx).bulk(table, this.bulkOptions);
      }
      if (this.queueTable && written.size) {
        const done = batch.entries.filter((e) => written.has(e.key));
        await finishQueueItems(h.driver, tx, this.queueTable, this.options.queue!.name, this.queueKeyType, done);
      }
    });
  }

  /** The log statement of these entries (in key order, so concurrent writers lock in one order). */
  private logStatement(entries: readonly CheckpointEntry[]): Statement {
    const ctx = this.context!;
    const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (this.keyType === 'bigint') for (const e of sorted) if (typeof e.key !== 'number' && !/^-?\d+$/.test(e.key)) throw new SluiceKeyTypeError(e.key, this.keyType);
    const json = sorted.map((e) => ({ k: e.key, s: e.status, a: e.attempts, e: clipError(e.error), t0: utc(e.startedAt), t1: utc(e.finishedAt) }));
    return {
      text: this.logSql,
      params: [
        { name: 'entries', type: 'nvarchar(max)', value: JSON.stringify(json) },
        { name: 'instance_id', type: 'int', value: ctx.instanceId },
        { name: 'instance_count', type: 'int', value: ctx.instanceCount },
        { name: 'run_id', type: 'nvarchar(100)', value: ctx.runId },
        { name: 'mapping_version', type: 'nvarchar(64)', value: ctx.mappingVersion ?? null },
      ],
    };
  }

  /** Writes the entries; returns the keys written (all but those another process committed already). */
  private async writeLog(tx: MssqlTransaction, entries: readonly CheckpointEntry[]): Promise<Set<RecordKey>> {
    const h = this.live('write');
    let rows: { key: unknown }[];
    try {
      rows = (await execute<{ key: unknown }>(h.driver, tx, this.logStatement(entries))).recordset ?? [];
    } catch (error) {
      const n = (error as { number?: unknown })?.number;
      if (n === 2627 || n === 2601) throw new SluiceLogConflictError({ cause: error });
      throw error;
    }
    if (rows.length === entries.length) return new Set(entries.map((e) => e.key));
    const written = new Set(rows.map((r) => String(r.key)));
    return new Set(entries.filter((e) => written.has(String(e.key))).map((e) => e.key));
  }

  classify(error: unknown): ErrorClass {
    if (error instanceof SluiceKeyTypeError) return 'fatal';
    return classifyMssqlError(error);
  }

  async checkpointed(keys: readonly RecordKey[], retryFailed: boolean, mappingVersion?: string): Promise<Set<RecordKey>> {
    const rows = await this.select('checkpointed', keys, retryFailed ? ` AND [status] <> N'failed'` : '', mappingVersion);
    const found = new Set(rows.map((r) => String(r.key)));
    return new Set(keys.filter((k) => found.has(String(k))));
  }

  async attempts(keys: readonly RecordKey[]): Promise<Map<RecordKey, number>> {
    const rows = await this.select('attempts', keys, '');
    const byKey = new Map(rows.map((r) => [String(r.key), Number(r.attempts)]));
    const out = new Map<RecordKey, number>();
    for (const k of keys) {
      const n = byKey.get(String(k));
      if (n !== undefined) out.set(k, n);
    }
    return out;
  }

  private async select(method: string, keys: readonly RecordKey[], extra: string, mappingVersion?: string): Promise<{ key: unknown; attempts: unknown }[]> {
    if (keys.length === 0) return [];
    const h = this.live(method);
    const version = mappingVersion === undefined ? '' : ' AND [mapping_version] = @version';
    const r = await execute<{ key: unknown; attempts: unknown }>(h.driver, await h.connect(), {
      text: `SELECT [key], [attempts] FROM ${quoteName(this.checkpoint.table)}
WHERE [key] IN (SELECT TRY_CAST(j.[value] AS ${keySqlType(this.keyType)}) FROM OPENJSON(@keys) j)${extra}${version}`,
      params: [
        { name: 'keys', type: 'nvarchar(max)', value: JSON.stringify(keys) },
        ...(mappingVersion === undefined ? [] : [{ name: 'version', type: 'nvarchar(64)', value: mappingVersion } as const]),
      ],
    });
    return r.recordset ?? [];
  }

  private live(method: string): MssqlHandle {
    return ensureOpen(this.handle, this.name, method);
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    await h?.close();
  }
}
