/** The key of a record: an integer id (`app_id`) or a string. */
export type RecordKey = number | string;

/** What a source's keys are: integers (up to 64 bits) or text. */
export type KeyKind = 'integer' | 'text';

/** One XML record as a source yields it. */
export interface SourceRecord {
  /** Unique, ordered key; checkpoints and partitions use it. */
  readonly key: RecordKey;
  /**
   * The XML document: text, or its UTF-8 bytes. Bytes are cheaper for a source that has them
   * (a database BLOB or UTF-8 column, a file): the main thread never builds the string, the worker
   * decodes it, and invalid UTF-8 fails that record.
   */
  readonly payload: string | Uint8Array;
  /** Anything the source wants to pass along (file name, offset, ...). Not sent to workers. */
  readonly meta?: Readonly<Record<string, unknown>>;
  /**
   * Set by a source that did not read the payload because it is larger than
   * `ReadRequest.maxPayloadBytes` (its size in bytes); `payload` is then empty and the record fails.
   */
  readonly withheldBytes?: number;
  /**
   * Set by a source that could not make a record of what it read (`fromXmlFile`: a record without
   * its key): the record fails with this message, and the run goes on.
   */
  readonly unreadable?: string;
}

/** The terminal state every record ends in (guarantee 1 of the design). */
export type RecordStatus = 'succeeded' | 'failed' | 'skipped';

/** Compares two keys the way the sources order them (numbers numerically, strings by code unit). */
export function compareKeys(a: RecordKey, b: RecordKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
