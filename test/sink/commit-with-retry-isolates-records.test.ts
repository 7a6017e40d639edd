import { describe, expect, it } from 'vitest';
import { commitWithRetry } from '../../src/sink/commit-with-retry.js';
import type { Logger } from '../../src/pipeline/logger.js';
import type { CommitBatch } from '../../src/sink/sink.js';
import { slicesOf } from '../../src/sink/commit-batch.js';
import { commitBatch, keysOf, ScriptedError, ScriptedSink } from '../helpers/scripted-sink.js';

const RETRY = { maxAttempts: 3, baseDelayMillis: 0, maxDelayMillis: 0 };
/** Fails any write that carries the rows of one of these keys. */
const rejecting = (...bad: number[]) => (batch: CommitBatch) => {
  const keys = slicesOf(batch).flatMap((s) => s.batch.keys.slice(s.from, s.to));
  const hit = keys.find((k) => bad.includes(k as number));
  if (hit !== undefined) throw new ScriptedError('record', `CHECK constraint failed: amount (${hit})`);
};

describe('commitWithRetry, errors caused by a record', () => {
  it('splits the batch until the bad records are found: they are logged failed, every other record commits', async () => {
    const sink = new ScriptedSink(rejecting(3, 6));
    const outcome = await commitWithRetry(sink, commitBatch(1, 8), RETRY);

    expect(keysOf(outcome.entries)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(outcome.entries.filter((e) => e.status === 'failed').map((e) => [e.key, e.error])).toEqual([
      [3, 'record 3: the database rejected its rows: CHECK constraint failed: amount (3)'],
      [6, 'record 6: the database rejected its rows: CHECK constraint failed: amount (6)'],
    ]);
    expect(outcome.entries.filter((e) => e.status === 'succeeded')).toHaveLength(6);
    expect(outcome.retries).toBe(0);
    // What reached the database: every record once, the bad ones as log entries without rows.
    expect(keysOf(sink.committed).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(sink.committed.filter((e) => e.status === 'failed').map((e) => e.key)).toEqual([3, 6]);
  });

  it('warns once per rejected record, naming its key', async () => {
    const warnings: unknown[] = [];
    const none = () => {};
    const logger: Logger = { debug: none, info: none, error: none, warn: (obj, msg) => warnings.push([obj, msg]) };
    await commitWithRetry(new ScriptedSink(rejecting(2)), commitBatch(1, 2), RETRY, logger);
    expect(warnings).toEqual([[{ key: 2, error: 'CHECK constraint failed: amount (2)' }, 'record rejected by the database']]);
  });

  it('retries a transient error met while isolating, and counts it', async () => {
    let transientLeft = 1;
    const sink = new ScriptedSink((batch, write) => {
      if (write > 1 && transientLeft > 0) {
        transientLeft--;
        throw new ScriptedError('transient', 'deadlock');
      }
      rejecting(1)(batch);
    });
    const outcome = await commitWithRetry(sink, commitBatch(1, 2), RETRY);
    expect(outcome.retries).toBe(1);
    expect(outcome.entries.map((e) => [e.key, e.status])).toEqual([[1, 'failed'], [2, 'succeeded']]);
  });
});
