import type { KeyKind, RecordKey, RecordStatus } from '../core/record.js';
import type { TableSchema } from '../mapper/table.js';
import type { CheckpointLocation } from '../source/source.js';

/** One `processing_log` entry, written in the same transaction as the record's rows. */
export interface CheckpointEntry {
  readonly key: RecordKey;
  readonly status: RecordStatus;
  /** The error (failed) or reason (skipped); null when succeeded. */
  readonly error: string | null;
  readonly attempts: number;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** What a sink writes in one transaction: the rows of some records and their checkpoint entries. */
export interface CommitBatch {
  /** One entry per record (succeeded, failed and skipped): its state, and its error or reason. */
  readonly entries: readonly CheckpointEntry[];
  /** The rows of the succeeded records, per table in the mapper's order (tables with no rows too). */
  readonly tables: readonly TableBatch[];
}

/** One table's rows in a commit batch, each an object of named values (column → value). */
export interface TableBatch {
  readonly name: string;
  /** Column names, in the table's order. */
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** The run a sink is opened for. */
export interface SinkContext {
  readonly tables: readonly TableSchema[];
  /** Create the target tables and the log if missing. */
  readonly createTables: boolean;
  readonly runId: string;
  readonly instanceId: number;
  readonly instanceCount: number;
  /** The source's key kind, when it knows it: the type of the log's key column if the sink creates it. */
  readonly keyKind?: KeyKind;
  /** Written to every log entry's `mapping_version`. */
  readonly mappingVersion?: string;
  /**
   * Records may already be in the log with rows: `write` deletes the rows of every key of the
   * batch (by each table's `keyColumn`) before inserting, and replaces log entries whatever their
   * status. Only given to a sink whose `replacesRows` is true.
   */
  readonly reprocess?: boolean;
}

/**
 * How the core treats a failed write: `transient` is retried with backoff (lost connection,
 * busy, deadlock); `record` is caused by some record's data (constraint, type, length) and is
 * isolated by splitting the batch; `fatal` stops the run (missing table, permissions).
 */
export type ErrorClass = 'transient' | 'record' | 'fatal';

/**
 * A transactional sink: the adapter contract. Lifecycle and retry rules live in the core
 * (`commitBatches`, `commitWithRetry`); a sink only writes, classifies and reads its log.
 * Prove yours with the contract suite: `import { sinkContract } from 'sluice/testing'`.
 */
export interface Sink {
  /** For reports and logs, e.g. `sqlite:out.db`; never holds a secret. */
  readonly name: string;
  /** Where the checkpoint log lives. */
  readonly checkpoint: CheckpointLocation;
  /** True if the sink honours `SinkContext.reprocess` (deletes previous rows in the write's transaction). */
  readonly replacesRows?: boolean;
  open(context: SinkContext): Promise<void>;
  /** Writes rows and entries in ONE transaction; on any error nothing of the batch is committed. */
  write(batch: CommitBatch): Promise<void>;
  classify(error: unknown): ErrorClass;
  /**
   * Of these keys, those already in the log in a terminal state (failed ones only unless
   * `retryFailed`); with `mappingVersion`, only entries written by that mapping version.
   */
  checkpointed(keys: readonly RecordKey[], retryFailed: boolean, mappingVersion?: string): Promise<Set<RecordKey>>;
  /** Attempts already recorded for these keys (for `retryFailed`). */
  attempts(keys: readonly RecordKey[]): Promise<Map<RecordKey, number>>;
  close(): Promise<void>;
}
