import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { Tinypool } from 'tinypool';
import { parseXml, XmlSyntaxError } from '../xml/index.js';
import type { RecordKey } from '../core/record.js';
import { toSchemas, type TableSchema } from '../mapper/table.js';
import type { Mapper } from '../mapper/mapper.js';
import { loadMapper, mapperName, SYNC_MAP_HINT, type MapperRef } from './load-mapper.js';
import { FAILED, SKIPPED, SUCCEEDED, type WorkerBatch } from './mapped-batch.js';
import { RowCollector, SkipSignal } from './row-collector.js';
import { EXTRACTOR, type MappingExtractor } from '../mapper/mapping-extractor.js';
import type { WorkerTask } from './worker-task.js';
import { Serial } from '../core/serial.js';
import { SluiceConfigError } from '../core/errors.js';
import type { WorkerStartData } from './worker-pool.js';

// Load the run's mapper as this thread boots, before it reports ready: every thread loads it at
// once instead of each on its first task. (Not in the background: an idle tinypool thread blocks
// in Atomics.wait, so nothing asynchronous would progress until a task arrived.) A failure is not
// reported here: describe() and the tasks get the same rejection from the cache.
const preload = (Tinypool.workerData as WorkerStartData | undefined)?.preload;
/** The preloaded mapper: what a task without a `mapper` of its own is mapped with. */
const preloaded = preload && loadMapper(preload);
if (preloaded) await preloaded.catch(() => {});

const schemaCache = new WeakMap<Mapper, TableSchema[]>();

function schemasOf(mapper: Mapper): TableSchema[] {
  let schemas = schemaCache.get(mapper);
  if (!schemas) schemaCache.set(mapper, (schemas = toSchemas(mapper.tables)));
  return schemas;
}

/** Loads the mapper and returns its tables (the main thread never loads user code). */
export async function describe(ref: MapperRef): Promise<TableSchema[]> {
  return schemasOf(await loadMapper(ref));
}

/**
 * The task a pool worker runs: parse and map a batch of records. Never throws for a bad record:
 * each record ends succeeded, failed (with a message naming what is wrong) or skipped.
 */
export default function mapBatch(task: WorkerTask): Promise<WorkerBatch> {
  // One task at a time in a thread: tinypool starts the queued ones together, and their awaits
  // would otherwise interleave, delaying each result behind the mapping of the tasks after it.
  return tasks.run(() => runTask(task));
}

const tasks = new Serial();
const noop = () => {};

/** What the main thread makes of a task's result (for the bench harness, which runs these tasks in its own pool or inline). */
export { fromWorker } from './mapped-batch.js';

async function runTask(task: WorkerTask): Promise<WorkerBatch> {
  const [ref, loading] = mapperOf(task);
  const mapper = await loading;
  // After the await: with several tasks queued in this worker, this is when this one really starts.
  const startedAt = Date.now();
  const schemas = schemasOf(mapper);
  const n = task.keys.length;
  const status = new Uint8Array(n);
  const messages: (string | null)[] = new Array<string | null>(n).fill(null);
  const rows = new RowCollector(schemas, n);
  // A declarative mapping reads each document without its element tree; a record it cannot map
  // that way (a bad value, a bad document) is mapped again through the tree, for the tree's error.
  const extract = (mapper as { readonly [EXTRACTOR]?: MappingExtractor })[EXTRACTOR];
  let parseMicros = 0;
  let mapMicros = 0;
  for (let i = 0; i < n; i++) {
    const key = task.keys[i]!;
    rows.begin(key);
    const t0 = performance.now();
    let t1 = t0;
    let ok = false;
    try {
      if (extract !== undefined && extracted(extract, task.payloads[i]!, task.limits, rows)) {
        // Parsing and mapping were one pass: the time counts as parsing.
        t1 = performance.now();
      } else {
        const doc = parseXml(task.payloads[i]!, task.limits);
        t1 = performance.now();
        const result: unknown = mapper.map(doc, rows);
        if (result !== undefined && isPromiseLike(result)) return returnedPromise(task, ref, key, result);
      }
      ok = true;
      status[i] = SUCCEEDED;
    } catch (error) {
      if (t1 === t0) t1 = performance.now();
      if (error instanceof SkipSignal) {
        status[i] = SKIPPED;
        messages[i] = error.reason;
      } else {
        status[i] = FAILED;
        messages[i] = describeFailure(key, error);
      }
    }
    const t2 = performance.now();
    parseMicros += (t1 - t0) * 1000;
    mapMicros += (t2 - t1) * 1000;
    rows.end(i, ok);
  }
  return {
    keys: task.keys,
    status,
    messages,
    rows: rows.packed(),
    bytes: rows.bytes,
    recordBytes: rows.recordBytes,
    stats: { threadId, parseMicros, mapMicros, startedAt, finishedAt: Date.now() },
  };
}

/** Maps a record with a compiled mapping; false, its rows dropped, when the tree must map it. */
function extracted(extract: MappingExtractor, payload: WorkerTask['payloads'][number], limits: WorkerTask['limits'], rows: RowCollector): boolean {
  try {
    extract(payload, limits, rows);
    return true;
  } catch {
    rows.restart();
    return false;
  }
}

/** The task's mapper (its own, else the pool's preloaded one) and the reference it comes from; throws if there is neither. */
function mapperOf(task: WorkerTask): [MapperRef, Promise<Mapper>] {
  if (task.mapper) return [task.mapper, loadMapper(task.mapper)];
  if (preload && preloaded) return [preload, preloaded];
  throw new SluiceConfigError('a task without a mapper reached a worker that preloaded none: give the task its mapper, or the pool a preload', 'mapper');
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** The mapper is wrong, not this record: the task comes back with nothing to commit, and the run stops. */
function returnedPromise(task: WorkerTask, ref: MapperRef, key: RecordKey, result: PromiseLike<unknown>): WorkerBatch {
  // Its rows, if it ever emits them, go nowhere; its rejection must not end the thread.
  result.then(noop, noop);
  const now = Date.now();
  const mapperError = `mapper ${mapperName(ref)}: map returned a Promise (record ${key}); ${SYNC_MAP_HINT}`;
  return {
    keys: task.keys,
    // Failed, never succeeded, should anything count them all the same.
    status: new Uint8Array(task.keys.length).fill(FAILED),
    messages: task.keys.map(() => mapperError),
    rows: [],
    bytes: 0,
    stats: { threadId, parseMicros: 0, mapMicros: 0, startedAt: now, finishedAt: now },
    mapperError,
  };
}

/** "record 42: XmlSyntaxError: 3:14: unclosed tag: Applicant; fix ..." */
function describeFailure(key: RecordKey, error: unknown): string {
  if (!(error instanceof Error)) return `record ${key}: the mapper threw ${String(error)}`;
  const name = error.name && error.name !== 'Error' ? `${error.name}: ` : 'mapper error: ';
  const hint = error instanceof XmlSyntaxError ? '; fix the document at the source, then process it again (retryFailed)' : '';
  return `record ${key}: ${name}${error.message}${hint}`;
}
