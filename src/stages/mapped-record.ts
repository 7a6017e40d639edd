import type { RecordKey } from '../core/record.js';
import { FAILED, SKIPPED, SUCCEEDED, type MappedBatch } from '../worker/mapped-batch.js';
import { RowCollector } from '../worker/row-collector.js';
import { stateOf, type Flow } from './flow.js';

/** A record's rows, by table: each row an object of named values. */
export type RecordRows = Record<string, Record<string, unknown>[]>;

/** One mapped record, as your own stage sees it: a tagged union on `status`. */
export type MappedRecord =
  | { readonly key: RecordKey; readonly status: 'succeeded'; readonly rows: RecordRows }
  | { readonly key: RecordKey; readonly status: 'failed'; readonly error: string }
  | { readonly key: RecordKey; readonly status: 'skipped'; readonly reason: string };

/**
 * The records of a mapped batch, one object each, rows as named values: for writing a stage of
 * your own on the main thread. Turn them back into a batch with `batchOf`.
 *
 * @example
 * ```ts
 * mapped$.pipe(map((batch) => batchOf(flow, recordsOf(flow, batch).map((r) =>
 *   r.status === 'succeeded' && r.rows.app_base?.[0]?.channel === 'test' ? { key: r.key, status: 'skipped', reason: 'test channel' } : r))))
 * ```
 */
export function recordsOf(flow: Flow, batch: MappedBatch): MappedRecord[] {
  const tables = stateOf(flow).tables;
  const out: MappedRecord[] = [];
  for (let i = 0; i < batch.keys.length; i++) {
    const key = batch.keys[i]!;
    const code = batch.status[i];
    if (code === FAILED) out.push({ key, status: 'failed', error: batch.messages[i] ?? 'failed' });
    else if (code === SKIPPED) out.push({ key, status: 'skipped', reason: batch.messages[i] ?? 'skipped' });
    else {
      const rows: RecordRows = {};
      tables.forEach((t, ti) => {
        const r = batch.rows[ti];
        if (!r) return;
        const w = t.columns.length;
        const a = i === 0 ? 0 : r.ends[i - 1]!;
        const b = r.ends[i]!;
        const list: Record<string, unknown>[] = [];
        for (let row = a; row < b; row++) {
          const o: Record<string, unknown> = {};
          for (let c = 0; c < w; c++) o[t.columns[c]!.name] = r.values[row * w + c];
          list.push(o);
        }
        if (list.length) rows[t.name] = list;
      });
      out.push({ key, status: 'succeeded', rows });
    }
  }
  return out;
}

/**
 * A mapped batch from records, in their order: rows are converted to the column types as a
 * mapper's are, and a record whose rows do not convert (or name a table or column the mapper
 * does not declare) fails with the reason, alone.
 */
export function batchOf(flow: Flow, records: readonly MappedRecord[], stats?: MappedBatch['stats']): MappedBatch {
  const n = records.length;
  const collector = new RowCollector(stateOf(flow).tables, n);
  const status = new Uint8Array(n);
  const messages: (string | null)[] = new Array<string | null>(n).fill(null);
  records.forEach((r, i) => {
    collector.begin(r.key);
    let ok = false;
    if (r.status === 'succeeded') {
      try {
        for (const [table, rows] of Object.entries(r.rows)) for (const row of rows) collector.emit(table, row);
        ok = true;
        status[i] = SUCCEEDED;
      } catch (error) {
        status[i] = FAILED;
        messages[i] = `record ${r.key}: ${(error as Error).name}: ${(error as Error).message}`;
      }
    } else {
      status[i] = r.status === 'failed' ? FAILED : SKIPPED;
      messages[i] = r.status === 'failed' ? r.error : r.reason;
    }
    collector.end(i, ok);
  });
  const now = Date.now();
  return {
    keys: records.map((r) => r.key),
    status,
    messages,
    rows: collector.result(),
    bytes: collector.bytes,
    recordBytes: collector.recordBytes,
    stats: stats ?? { threadId: -1, parseMicros: 0, mapMicros: 0, startedAt: now, finishedAt: now },
  };
}
