import type { RecordKey, Sink } from './sluice.js';

/** A sink that keeps nothing: the pipeline into it measures parse and map alone (the parse-and-map ceiling). */
export function discardSink(): Sink {
  return {
    name: 'discard',
    // A kind no source knows, so sources do not try to filter by this log in SQL.
    checkpoint: { kind: 'discard', database: 'none', table: 'none' },
    open: () => Promise.resolve(),
    write: () => Promise.resolve(),
    classify: () => 'fatal',
    checkpointed: () => Promise.resolve(new Set<RecordKey>()),
    attempts: () => Promise.resolve(new Map<RecordKey, number>()),
    close: () => Promise.resolve(),
  };
}
