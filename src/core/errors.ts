import type { RecordKey } from './record.js';

/** A wrong or conflicting option. Thrown before any work starts. */
export class SluiceConfigError extends RangeError {
  override name = 'SluiceConfigError';
  constructor(
    message: string,
    /** The option at fault, as the user spells it (`queueSize`, `--instance-id`). */
    readonly option: string,
  ) {
    super(message);
  }
}

/** A record that could not be processed; the pipeline goes on without it. */
export class SluiceRecordError extends Error {
  override name = 'SluiceRecordError';
  constructor(
    message: string,
    readonly key: RecordKey,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A value that does not convert to its column's type. */
export class SluiceConversionError extends Error {
  override name = 'SluiceConversionError';
  constructor(
    readonly table: string,
    readonly column: string,
    readonly path: string,
    readonly value: unknown,
    readonly expected: string,
    /** What to do, fitting the failure: the default is for a value that is present but malformed. */
    hint = 'fix the source value, or convert it in the mapper',
  ) {
    super(`${table}.${column}: cannot convert ${formatValue(value)} at ${path} to ${expected}; ${hint}`);
  }
}

/** A driver that is not installed, or a database that cannot be reached. */
export class SluiceConnectionError extends Error {
  override name = 'SluiceConnectionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The run stopped because too many records failed (`maxFailures`, `maxFailureRate`). */
export class SluiceFailureLimitError extends Error {
  override name = 'SluiceFailureLimitError';
  constructor(
    message: string,
    readonly failed: number,
    readonly read: number,
  ) {
    super(message);
  }
}

/** A record key that does not fit the checkpoint log's key type: no retry or split can fix it. */
export class SluiceKeyTypeError extends Error {
  override name = 'SluiceKeyTypeError';
  constructor(
    readonly key: RecordKey,
    readonly keyType: string,
  ) {
    super(`record key ${JSON.stringify(key)} is not an integer but the log's key type is ${keyType}; set keyType: 'text' (sluice init --key-type text)`);
  }
}

function formatValue(value: unknown): string {
  const s = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Records a flow read that never reached a terminal state: a stage or an operator lost them. */
export class SluiceVanishedRecordsError extends Error {
  override name = 'SluiceVanishedRecordsError';
  constructor(
    message: string,
    /** The stage at fault, or the two stages between which records were lost (`enrich → batchRecords`). */
    readonly stage: string,
  ) {
    super(message);
  }
}

/** A sink, source or connection used before it was opened or after it was closed: a bug in the calling code, never retried. */
export class SluiceStateError extends Error {
  override name = 'SluiceStateError';
  constructor(
    /** The component at fault, by its name (`sqlite:loans.db`, `postgres:host:5432/db`). */
    readonly component: string,
    /** The method that was called. */
    readonly method: string,
  ) {
    super(`${component}: ${method}() before open() or after close()`);
  }
}
