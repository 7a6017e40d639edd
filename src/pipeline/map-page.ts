import { SluiceConfigError } from '../core/errors.js';
import type { RecordKey, SourceRecord } from '../core/record.js';
import type { WorkerPool } from '../worker/worker-pool.js';
import { FAILED, SUCCEEDED, type MappedBatch } from '../worker/mapped-batch.js';
import type { WorkerTask } from '../worker/worker-task.js';
import type { Logger } from './logger.js';
import { DEFAULT_PARSE_LIMITS } from '../xml/index.js';

/**
 * Runs one page through the pool. If the worker dies under it (process.exit, out of memory,
 * a thread exit), the pool replaces the thread and each record of the page is retried alone in a
 * quarantine thread; a record that kills its worker again is failed, and the run goes on.
 */
export async function mapPage(
  pool: WorkerPool,
  base: Omit<WorkerTask, 'keys' | 'payloads'>,
  page: readonly SourceRecord[],
  logger?: Logger,
  committed?: CommittedKeys,
): Promise<MappedBatch[]> {
  const max = base.limits.maxDocumentBytes ?? DEFAULT_PARSE_LIMITS.maxDocumentBytes;
  // A UTF-16 length over the byte limit is over it in UTF-8 too: fail such records here rather
  // than copy hundreds of megabytes to a worker only to refuse them there.
  if (page.some((r) => r.withheldBytes !== undefined || r.unreadable !== undefined || r.payload.length > max)) {
    const parts = await Promise.all(
      page.map((r) =>
        r.unreadable !== undefined
          ? Promise.resolve([failedRecord(r, `record ${r.key}: ${r.unreadable}`)])
          : r.withheldBytes !== undefined || r.payload.length > max
            ? Promise.resolve([tooLarge(r, max)])
            : mapPage(pool, base, [r], logger, committed),
      ),
    );
    return parts.flat();
  }
  const keys = page.map((r) => r.key);
  const payloads = page.map((r) => r.payload);
  let rest = page;
  const out: MappedBatch[] = [];
  try {
    return [await pool.run({ ...base, keys, payloads })];
  } catch (error) {
    logger?.warn({ records: page.length, error: (error as Error).message }, 'a worker died; retrying its records one by one');
    // A worker that commits may have committed this task just before it died: those records are
    // in the log and must not be written twice. (Failed ones have no rows; redoing them is harmless.)
    if (base.commit && committed) {
      const done = await committed(keys);
      if (done.size) {
        out.push(alreadyCommitted(page.filter((r) => done.has(r.key))));
        rest = page.filter((r) => !done.has(r.key));
      }
    }
    if (page.length === 1) return rest.length ? [crashed(page[0]!, error)] : out;
  }
  // The quarantine only maps; the main thread commits what it returns.
  const isolated = { mapper: base.mapper, limits: base.limits };
  const singles = await Promise.all(
    rest.map((r) => pool.runIsolated({ ...isolated, keys: [r.key], payloads: [r.payload] }).catch((error: unknown) => crashed(r, error))),
  );
  if (singles.length) out.push(merge(singles));
  return out;
}

/** Stops the run on a batch whose mapper broke its contract (an async `map`): no record of it is counted. */
export function assertMapperKept(batch: MappedBatch): void {
  if (batch.mapperError !== undefined) throw new SluiceConfigError(batch.mapperError, 'mapper');
}

/** Of these keys, those the log holds as succeeded or skipped (`sink.checkpointed(keys, true)`). */
export type CommittedKeys = (keys: readonly RecordKey[]) => Promise<Set<RecordKey>>;

/** Records a dead worker committed: reported as committed, with nothing more to write. */
function alreadyCommitted(records: readonly SourceRecord[]): MappedBatch {
  const batch = rowlessBatch(records, SUCCEEDED, null);
  const now = batch.stats.startedAt;
  const entries = records.map((r) => ({ key: r.key, status: 'succeeded' as const, error: null, attempts: 1, startedAt: now, finishedAt: now }));
  return { ...batch, committed: { entries, rows: 0, transactions: 0, commitMillis: 0, waitMillis: 0, retries: 0 } };
}

/** A batch of records that have no rows, all in one state: made here, not by a worker. */
function rowlessBatch(records: readonly SourceRecord[], status: number, message: string | null): MappedBatch {
  const now = Date.now();
  return {
    keys: records.map((r) => r.key),
    status: new Uint8Array(records.length).fill(status),
    messages: records.map(() => message),
    rows: [],
    bytes: 0,
    stats: { threadId: -1, parseMicros: 0, mapMicros: 0, startedAt: now, finishedAt: now },
  };
}

function crashed(record: SourceRecord, error: unknown): MappedBatch {
  return failedRecord(
    record,
    `record ${record.key}: its worker thread crashed while mapping it (${(error as Error)?.message ?? String(error)}); the record was retried alone and crashed again`,
  );
}

function tooLarge(record: SourceRecord, max: number): MappedBatch {
  const size = record.withheldBytes ?? Buffer.byteLength(record.payload);
  return failedRecord(
    record,
    `record ${record.key}: XmlLimitError: document is ${size} bytes, over the maxDocumentBytes limit of ${max}; raise parse.maxDocumentBytes (--max-document-bytes) if such documents are expected`,
  );
}

function failedRecord(record: SourceRecord, message: string): MappedBatch {
  return rowlessBatch([record], FAILED, message);
}

/** Concatenates single-record batches back into one, keeping record order. */
function merge(parts: readonly MappedBatch[]): MappedBatch {
  const tables = Math.max(...parts.map((p) => p.rows.length));
  const n = parts.length;
  const rows = Array.from({ length: tables }, () => ({ values: [] as unknown[], ends: new Int32Array(n) }));
  const status = new Uint8Array(n);
  const messages: (string | null)[] = [];
  let bytes = 0;
  let parseMicros = 0;
  let mapMicros = 0;
  const rowCounts = new Array<number>(tables).fill(0);
  const broken = parts.find((p) => p.mapperError !== undefined);
  parts.forEach((p, i) => {
    status[i] = p.status[0]!;
    messages.push(p.messages[0] ?? null);
    bytes += p.bytes;
    parseMicros += p.stats.parseMicros;
    mapMicros += p.stats.mapMicros;
    for (let t = 0; t < tables; t++) {
      const src = p.rows[t];
      const dst = rows[t]!;
      if (src) {
        for (const v of src.values) dst.values.push(v);
        rowCounts[t]! += src.ends[0] ?? 0;
      }
      dst.ends[i] = rowCounts[t]!;
    }
  });
  return {
    keys: parts.map((p) => p.keys[0]!),
    status,
    messages,
    rows,
    bytes,
    stats: { threadId: -1, parseMicros, mapMicros, startedAt: Math.min(...parts.map((p) => p.stats.startedAt)), finishedAt: Date.now() },
    ...(broken && { mapperError: broken.mapperError }),
  };
}
