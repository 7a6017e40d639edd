import type { KeyKind, RecordKey, SourceRecord } from '../core/record.js';
import type { Partition } from '../partition/partition.js';
import type { Backoff } from '../core/retry.js';

/** Where a checkpoint log lives, so that a source in the same database can filter by it in SQL. */
export interface CheckpointLocation {
  /** Adapter kind: 'sqlite', 'postgres', 'mssql'. */
  readonly kind: string;
  /** Identifies the database (a file path, a host/port/database triple); never holds a secret. */
  readonly database: string;
  /** The log table, schema-qualified if needed. */
  readonly table: string;
}

/** What the pipeline asks of a source. */
export interface ReadRequest {
  /**
   * Records per page: the pipeline pulls one page at a time, when it has room for it. Read it
   * again for each page: the pipeline lowers it while large documents fill the byte budget.
   */
  readonly pageSize: number;
  readonly partition: Partition;
  /** Read at most this many records in all. */
  readonly limit?: number;
  /** Payloads larger than this (UTF-8 bytes) should not be read; see `SourceRecord.withheldBytes`. */
  readonly maxPayloadBytes?: number;
  /**
   * Skip records already in this checkpoint log, if the source can do it in SQL (see `canSkip`);
   * with `mappingVersion`, only entries written by that version count (`reprocess: 'stale'`).
   */
  readonly skip?: { readonly log: CheckpointLocation; readonly retryFailed: boolean; readonly mappingVersion?: string };
  /** Where the source reports records it cannot yield under a key of their own (the run report counts them). */
  readonly keyIssues?: KeyIssues;
  /**
   * How to retry a read that meets a transient error (a lost connection, a failover): the run's
   * `retry` options. A source used without a run retries 6 times from 100 ms.
   */
  readonly retry?: Partial<Backoff>;
  /** Aborts when reading must stop: a source ends its pages, and stops waiting to retry a read. */
  readonly signal?: AbortSignal;
}

/**
 * Records a table source cannot load, reported instead of read: a NULL key cannot be
 * checkpointed, and a second record with a key already read would be a second log entry.
 */
export interface KeyIssues {
  /** `count` records have a NULL key: they are not read. Reported once, when reading starts. */
  nullKeys(count: number): void;
  /** One more record with this key, already read in this run: it is not read again. */
  duplicate(key: RecordKey): void;
}

/**
 * Yields records in pages, pulled on demand: a source never reads ahead of the page asked for.
 * Pages come in key order (table sources) or in the order of the input.
 */
export interface Source {
  /** For reports and logs, e.g. `sqlite:data.db#app_xml`; never holds a secret. */
  readonly name: string;
  /** True if this source applies `ReadRequest.skip` itself (in SQL); otherwise the pipeline asks the sink. */
  canSkip(log: CheckpointLocation): boolean;
  /** True if this source applies `ReadRequest.partition` itself; otherwise the pipeline filters. */
  readonly filtersPartition: boolean;
  /**
   * Optional: verifies, before the run creates anything, that what this source reads exists (a
   * table source: its table, key and payload columns, and that `where` is valid SQL). Throws a
   * SluiceConfigError naming what is missing and what to set.
   */
  check?(): Promise<void>;
  pages(request: ReadRequest): AsyncIterable<SourceRecord[]>;
  /** How many records `pages(request)` would yield, if the source can tell cheaply (progress bars). */
  count?(request: Omit<ReadRequest, 'pageSize' | 'signal'>): Promise<number>;
  /** The key column's kind, if the source knows it: a sink creates its log's key column with it. */
  keyKind?(): Promise<KeyKind | undefined>;
  close(): Promise<void>;
}

/** Keys of a page, for checkpoint look-ups. */
export function keysOf(records: readonly SourceRecord[]): RecordKey[] {
  return records.map((r) => r.key);
}
