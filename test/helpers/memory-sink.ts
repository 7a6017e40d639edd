import type { CheckpointEntry, CommitBatch, RecordKey, Sink, SinkContext, TableSchema } from 'sluice';
import { rowRange } from 'sluice';

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
    for (const slice of batch.slices) {
      this.tables.forEach((t, ti) => {
        const [a, b] = rowRange(slice, ti);
        const w = t.columns.length;
        // A batch of failed records only has no row tables.
        const values = slice.batch.rows[ti]?.values ?? [];
        for (let r = a; r < b; r++) this.rows.get(t.name)!.push(values.slice(r * w, (r + 1) * w));
      });
    }
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
