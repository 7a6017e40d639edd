import type { Pool, PoolConnection } from 'mysql2/promise';
import type { CheckpointEntry, CommitBatch, ErrorClass, RecordKey, Sink, SinkContext, TableSchema } from 'sluice';

/**
 * A sink as a user would write one, for MariaDB through mysql2: it sees per-table rows of named
 * values and one log entry per record, never the workers' wire format.
 */
export class MariaDbSink implements Sink {
  readonly name = 'mariadb';
  readonly checkpoint = { kind: 'mariadb', database: 'sluice_contract', table: 'processing_log' };
  private context: SinkContext | undefined;

  constructor(private readonly pool: Pool) {}

  async open(context: SinkContext): Promise<void> {
    this.context = context;
    if (!context.createTables) return;
    for (const t of context.tables) await this.pool.query(createTable(t));
    await this.pool.query(
      'CREATE TABLE IF NOT EXISTS processing_log (`key` VARCHAR(64) PRIMARY KEY, status VARCHAR(10) NOT NULL, attempts INT NOT NULL, error TEXT, run_id VARCHAR(64), finished_at DATETIME(3))',
    );
  }

  async write(batch: CommitBatch): Promise<void> {
    const conn: PoolConnection = await this.pool.getConnection();
    try {
      await conn.beginTransaction();
      for (const t of batch.tables) {
        if (t.rows.length === 0) continue;
        const cols = t.columns.map((c) => `\`${c}\``).join(', ');
        await conn.query(`INSERT INTO \`${t.name}\` (${cols}) VALUES ?`, [t.rows.map((r) => t.columns.map((c) => r[c]))]);
      }
      if (batch.entries.length) {
        await conn.query('INSERT INTO processing_log (`key`, status, attempts, error, run_id, finished_at) VALUES ? ON DUPLICATE KEY UPDATE status = VALUES(status), attempts = VALUES(attempts), error = VALUES(error)', [
          batch.entries.map((e: CheckpointEntry) => [String(e.key), e.status, e.attempts, e.error, this.context!.runId, new Date(e.finishedAt)]),
        ]);
      }
      await conn.commit();
    } catch (error) {
      await conn.rollback();
      throw error;
    } finally {
      conn.release();
    }
  }

  classify(error: unknown): ErrorClass {
    const code = (error as { code?: string }).code;
    if (code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'ECONNRESET') return 'transient';
    if (code === 'ER_DUP_ENTRY' || code === 'ER_DATA_TOO_LONG' || code === 'ER_TRUNCATED_WRONG_VALUE' || code === 'ER_BAD_NULL_ERROR') return 'record';
    return 'fatal';
  }

  async checkpointed(keys: readonly RecordKey[], retryFailed: boolean): Promise<Set<RecordKey>> {
    if (keys.length === 0) return new Set();
    const [rows] = await this.pool.query('SELECT `key`, status FROM processing_log WHERE `key` IN (?)', [keys.map(String)]);
    const done = (rows as { key: string; status: string }[]).filter((r) => !retryFailed || r.status !== 'failed').map((r) => r.key);
    return new Set(keys.filter((k) => done.includes(String(k))));
  }

  async attempts(keys: readonly RecordKey[]): Promise<Map<RecordKey, number>> {
    if (keys.length === 0) return new Map();
    const [rows] = await this.pool.query('SELECT `key`, attempts FROM processing_log WHERE `key` IN (?)', [keys.map(String)]);
    const byKey = new Map((rows as { key: string; attempts: number }[]).map((r) => [r.key, r.attempts]));
    return new Map(keys.filter((k) => byKey.has(String(k))).map((k) => [k, byKey.get(String(k))!]));
  }

  async close(): Promise<void> {}
}

const SQL_TYPE: Record<string, string> = { integer: 'BIGINT', bigint: 'BIGINT', decimal: 'DECIMAL(18,4)', number: 'DOUBLE', boolean: 'TINYINT', date: 'DATE', timestamp: 'DATETIME(3)', text: 'TEXT' };

function createTable(t: TableSchema): string {
  const cols = t.columns.map((c) => {
    const type = c.type === 'text' && (c.maxLength !== undefined || t.primaryKey.includes(c.name)) ? `VARCHAR(${c.maxLength ?? 255})` : (SQL_TYPE[c.type] ?? 'TEXT');
    return `\`${c.name}\` ${type}${c.nullable ? '' : ' NOT NULL'}`;
  });
  const pk = t.primaryKey.length ? `, PRIMARY KEY (${t.primaryKey.map((c) => `\`${c}\``).join(', ')})` : '';
  return `CREATE TABLE IF NOT EXISTS \`${t.name}\` (${cols.join(', ')}${pk})`;
}
