import { SluiceConfigError } from '../core/errors.js';
import type { SourceRecord } from '../core/record.js';
import type { WorkerPool } from '../worker/worker-pool.js';
import { FAILED, type MappedBatch } from '../worker/mapped-batch.js';
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
            : mapPage(pool, base, [r], logger),
      ),
    );
    return parts.flat();
  }
  const keys = page.map((r) => r.key);
  const payloads = page.map((r) => r.payload);
  try {
    return [await pool.run({ ...base, keys, payloads })];
  } catch (error) {
    logger?.warn({ records: page.length, error: (error as Error).message }, 'a worker died; retrying its records one by one');
    if (page.length === 1) return [crashed(page[0]!, error)];
  }
  const singles = await Promise.all(
    page.map((r) => pool.runIsolated({ ...base, keys: [r.key], payloads: [r.payload] }).catch((error: unknown) => crashed(r, error))),
  );
  return [merge(singles)];
}

/** Stops the run on a batch whose mapper broke its contract (an async `map`): no record of it is counted. */
export function assertMapperKept(batch: MappedBatch): void {
  if (batch.mapperError !== undefined) throw new SluiceConfigError(batch.mapperError, 'mapper');
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
    recordBytes: Float64Array.from(parts, (p) => p.recordBytes?.[0] ?? 0),
    stats: { threadId: -1, parseMicros, mapMicros, startedAt: Math.min(...parts.map((p) => p.stats.startedAt)), finishedAt: Date.now() },
    ...(broken && { mapperError: broken.mapperError }),
  };
}
