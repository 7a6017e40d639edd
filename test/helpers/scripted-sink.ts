import { createCommitBatch } from '../../src/sink/commit-batch.js';
import type { RecordKey } from '../../src/core/record.js';
import type { CheckpointEntry, CommitBatch, ErrorClass, Sink } from '../../src/sink/sink.js';
import { entriesOf } from '../../src/sink/checkpoint-entries.js';
import { mappedBatch } from './mapped-batches.js';

/** An error that says how the scripted sink classifies it. */
export class ScriptedError extends Error {
  constructor(
    readonly kind: ErrorClass,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A Sink whose writes fail as the test script says: `script` sees each write (and the 1-based
 * write number) and throws to fail it. Every attempted and every committed batch is recorded.
 */
export class ScriptedSink implements Sink {
  readonly name = 'scripted';
  readonly checkpoint = { kind: 'memory', database: 'memory', table: 'log' };
  /** The entries of every write attempted, failed or not. */
  readonly writes: (readonly CheckpointEntry[])[] = [];
  /** The entries of every write that went through. */
  readonly committed: CheckpointEntry[] = [];

  constructor(private readonly script: (batch: CommitBatch, write: number) => void) {}

  async write(batch: CommitBatch): Promise<void> {
    this.writes.push(batch.entries);
    this.script(batch, this.writes.length);
    this.committed.push(...batch.entries);
  }

  classify(error: unknown): ErrorClass {
    return error instanceof ScriptedError ? error.kind : 'fatal';
  }

  async open(): Promise<void> {}
  async close(): Promise<void> {}
  async checkpointed(): Promise<Set<RecordKey>> {
    return new Set();
  }
  async attempts(): Promise<Map<RecordKey, number>> {
    return new Map();
  }
}

/** A commit batch of records first..first+n-1, one slice, one row each. */
export function commitBatch(first: number, n: number): CommitBatch {
  const slices = [{ batch: mappedBatch(first, n), from: 0, to: n }];
  return createCommitBatch(slices, entriesOf(slices));
}

/** Keys of entries, in order. */
export const keysOf = (entries: readonly CheckpointEntry[]) => entries.map((e) => e.key);
