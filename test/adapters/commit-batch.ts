import type { CheckpointEntry, CommitBatch, MappedBatch, RecordStatus, SinkContext } from 'sluice';
import personMapper from '../fixtures/person-mapper.js';
import { toSchemas } from '../../src/mapper/table.js';
import { createCommitBatch, slicesOf } from '../../src/sink/commit-batch.js';

/** The person-mapper's tables, as a sink is opened with them. */
export const PERSON_TABLES = toSchemas(personMapper.tables);

export const context = (over: Partial<SinkContext> = {}): SinkContext => ({
  tables: PERSON_TABLES,
  createTables: true,
  runId: 'contract',
  instanceId: 0,
  instanceCount: 1,
  ...over,
});

const CODE: Record<RecordStatus, number> = { succeeded: 0, failed: 1, skipped: 2 };

/**
 * A commit batch as the workers would produce it: succeeded records get a person row and
 * `phones(key)` phone rows, its name `name(key)`; failed and skipped ones get none.
 */
export function personBatch(
  records: readonly { key: number; status?: RecordStatus; attempts?: number }[],
  phones: (key: number) => readonly number[] = () => [1, 2],
  name: (key: number) => string = (key) => `Person ${key}`,
): CommitBatch {
  const person: unknown[] = [];
  const phone: unknown[] = [];
  const personEnds = new Int32Array(records.length);
  const phoneEnds = new Int32Array(records.length);
  records.forEach((r, i) => {
    if ((r.status ?? 'succeeded') === 'succeeded') {
      person.push(r.key, name(r.key), '1980-01-02');
      for (const seq of phones(r.key)) phone.push(r.key, seq, `+1-555-${r.key}-${seq}`);
    }
    personEnds[i] = person.length / 3;
    phoneEnds[i] = phone.length / 3;
  });
  const batch: MappedBatch = {
    keys: records.map((r) => r.key),
    status: Uint8Array.from(records.map((r) => CODE[r.status ?? 'succeeded'])),
    messages: records.map((r) => ((r.status ?? 'succeeded') === 'succeeded' ? null : `${r.status} on purpose`)),
    rows: [
      { values: person, ends: personEnds },
      { values: phone, ends: phoneEnds },
    ],
    bytes: 0,
    stats: { threadId: 0, parseMicros: 0, mapMicros: 0, startedAt: 0, finishedAt: 0 },
  };
  const entries: CheckpointEntry[] = records.map((r) => ({
    key: r.key,
    status: r.status ?? 'succeeded',
    error: (r.status ?? 'succeeded') === 'succeeded' ? null : `${r.status} on purpose`,
    attempts: r.attempts ?? 1,
    startedAt: Date.now(),
    finishedAt: Date.now(),
  }));
  return createCommitBatch([{ batch, from: 0, to: records.length }], entries, PERSON_TABLES);
}

/** Keys from..to inclusive. */
export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** One commit batch of several workers' batches: a slice each, as the pipeline hands a sink 1,000 records of 100-record tasks. */
export function joinBatches(batches: readonly CommitBatch[]): CommitBatch {
  return createCommitBatch(batches.flatMap(slicesOf), batches.flatMap((b) => b.entries), PERSON_TABLES);
}
