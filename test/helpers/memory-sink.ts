import type { CheckpointEntry, CommitBatch, RecordKey, Sink, SinkContext, TableSchema } from 'sluice';

/** A Sink for tests: keeps committed rows and entries in memory; hooks observe or slow writes. */
export class MemorySink implements Sink {
  readonly name = 'memory';
  readonly checkpoint = { kind: 'memory', database: 'memory', table: 'log' };
  tables: readonly TableSchema[] = [];
  readonly rows = new Map<string, unknown[][]>();
  readonly log = new Map<RecordKey, CheckpointEntry>();
  writes = 0;
  opened = false;
  closed = false;

  constructor(private readonly hooks: { beforeWrite?: (batch: CommitBatch) => Promise<void> | void } = {}) {}

  async open(ctx: SinkContext): Promise<void> {
    this.tables = ctx.tables;
    for (const t of ctx.tables) this.rows.set(t.name, []);
    this.opened = true;
  }

  async write(batch: CommitBatch): Promise<void> {
    await this.hooks.beforeWrite?.(batch);
    this.writes++;
    // As a user's sink does: rows per table, as named values.
    for (const t of batch.tables) for (const row of t.rows) this.rows.get(t.name)!.push(t.columns.map((c) => row[c]));
    for (const e of batch.entries) this.log.set(e.key, e);
  }

  classify(): 'record' {
    return 'record';
  }

  async checkpointed(keys: readonly RecordKey[], retryFailed: boolean): Promise<Set<RecordKey>> {
    return new Set(keys.filter((k) => this.log.has(k) && (!retryFailed || this.log.get(k)!.status !== 'failed')));
  }

  async attempts(keys: readonly RecordKey[]): Promise<Map<RecordKey, number>> {
    return new Map(keys.filter((k) => this.log.has(k)).map((k) => [k, this.log.get(k)!.attempts]));
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Committed entries by status. */
  count(status: CheckpointEntry['status']): number {
    return [...this.log.values()].filter((e) => e.status === status).length;
  }
}
