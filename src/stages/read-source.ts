import { concatMap, from, map, type Observable } from 'rxjs';
import { SluiceConfigError } from '../core/errors.js';
import type { SourceRecord } from '../core/record.js';
import type { Partition } from '../partition/partition.js';
import { readPages } from '../pipeline/read-pages.js';
import type { ReadRequest, Source } from '../source/source.js';
import type { Sink } from '../sink/sink.js';
import { DEFAULT_PARSE_LIMITS } from '../xml/index.js';
import { stateOf, type Flow } from './flow.js';

/** How `readSource` reads. */
export interface ReadSourceOptions {
  /** Records per page. @default the flow's taskSize */
  readonly pageSize?: number;
  /** Read at most this many records in all. */
  readonly limit?: number;
  /**
   * A partition the source applies itself (table sources, in SQL). For a source that cannot,
   * pipe `partitionRecords(flow, partition)` after this stage instead.
   */
  readonly partition?: Partition;
  /** Leave out records the flow's sink has logged already (failed ones too unless `retryFailed`). @default true when the flow has a sink */
  readonly resume?: boolean;
}

/**
 * The source stage: pages of records, each read only once the flow's credit gate grants room
 * for it, so records read and not yet committed never exceed `queueSize`, whatever stages follow.
 * Records already in the sink's log are left out (in SQL when the source can, otherwise by
 * asking the sink). Stopping the flow ends reading; the source is closed with the flow.
 *
 * @example
 * ```ts
 * const flow = await openFlow({ mapper: './mapper.ts', sink });
 * readSource(flow, fromXmlFile('apps.xml', { element: 'Application', keyAttribute: 'id' }), { limit: 1000 })
 *   .pipe(parseAndMap(flow), batchRecords(flow), commitBatches(flow));
 * ```
 */
export function readSource(flow: Flow, source: Source, options: ReadSourceOptions = {}): Observable<SourceRecord[]> {
  const st = stateOf(flow);
  const o = st.options;
  if (options.partition && !source.filtersPartition && (options.partition.modulo || options.partition.range)) {
    throw new SluiceConfigError(`source ${source.name} does not filter by partition itself; pipe partitionRecords(flow, partition) after readSource instead`, 'partition');
  }
  const sink = st.sink;
  // Reprocessing every record reads past the log; 'stale' leaves out what this mapping version wrote.
  const resume = (options.resume ?? true) && sink !== undefined && o.reprocess !== 'all';
  const version = o.reprocess === 'stale' ? st.mappingVersion : undefined;
  const pushdown = resume && source.canSkip(sink.checkpoint);
  const request: ReadRequest = {
    pageSize: Math.min(options.pageSize ?? o.taskSize, o.queueSize),
    partition: options.partition ?? {},
    maxPayloadBytes: o.parse.maxDocumentBytes ?? DEFAULT_PARSE_LIMITS.maxDocumentBytes,
    ...(options.limit !== undefined && { limit: options.limit }),
    ...(pushdown && { skip: skipOf(sink, o.retryFailed, version) }),
    keyIssues: st.metrics.keyIssues,
    retry: o.retry,
  };
  st.onClose(() => source.close());
  st.sourceNames.push(source.name);
  const count = st.ledger.add('readSource');
  const pages$ = readPages(source, request, st.gate, st.metrics.readLatency, st.stopReading);
  const counted = (page: SourceRecord[]) => {
    count.out += page.length;
    st.metrics.read += page.length;
    st.metrics.depth.add(st.metrics.elapsed(), st.gate.inUse);
    return page;
  };
  if (!resume || pushdown) return pages$.pipe(map(counted));
  // The source cannot filter by the log in SQL: ask the sink, page by page, and return the credits of the records left out.
  return pages$.pipe(
    concatMap((page) =>
      from(
        (async () => {
          const done = await sink.checkpointed(page.map((r) => r.key), o.retryFailed, version);
          const kept = done.size ? page.filter((r) => !done.has(r.key)) : page;
          if (kept.length < page.length) st.gate.settle(page.filter((r) => done.has(r.key)).map((r) => r.key));
          count.dropped += page.length - kept.length;
          return counted(kept);
        })(),
      ),
    ),
  );
}

/** How many records `readSource` would read, when the source can count them cheaply (progress bars); sets the flow's progress total. */
export async function countSource(flow: Flow, source: Source, options: Pick<ReadSourceOptions, 'limit' | 'partition'> = {}): Promise<number | undefined> {
  const st = stateOf(flow);
  const sink = st.sink;
  const o = st.options;
  // Without the checkpoint filter in SQL a count would include finished records: no total then.
  if (!source.count || (sink && o.reprocess !== 'all' && !source.canSkip(sink.checkpoint))) return undefined;
  st.total = await source.count({
    partition: options.partition ?? {},
    retry: o.retry,
    ...(options.limit !== undefined && { limit: options.limit }),
    ...(sink && o.reprocess !== 'all' && { skip: skipOf(sink, o.retryFailed, o.reprocess === 'stale' ? st.mappingVersion : undefined) }),
  });
  st.progress.next(st.metrics.progress(st.gate.inUse, st.total));
  return st.total;
}

function skipOf(sink: Sink, retryFailed: boolean, mappingVersion: string | undefined): NonNullable<ReadRequest['skip']> {
  return { log: sink.checkpoint, retryFailed, ...(mappingVersion !== undefined && { mappingVersion }) };
}
