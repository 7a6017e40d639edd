import { describe, expect, it } from 'vitest';
import { commitWithRetry, SluiceSinkError } from '../../src/sink/commit-with-retry.js';
import { commitBatch, ScriptedError, ScriptedSink } from '../helpers/scripted-sink.js';

describe('commitWithRetry, fatal errors', () => {
  it('stops at the first fatal error: no retry, no split, the cause kept', async () => {
    const missing = new ScriptedError('fatal', 'no such table: person');
    const sink = new ScriptedSink(() => {
      throw missing;
    });
    const error = await commitWithRetry(sink, commitBatch(1, 4), { maxAttempts: 5, baseDelayMillis: 0, maxDelayMillis: 0 }).catch((e: unknown) => e);
    expect(sink.writes).toHaveLength(1);
    expect(error).toBeInstanceOf(SluiceSinkError);
    expect((error as Error).message).toBe('scripted: commit failed: no such table: person');
    expect((error as Error).cause).toBe(missing);
  });

  it('a transient error on the last allowed attempt is not retried', async () => {
    const sink = new ScriptedSink(() => {
      throw new ScriptedError('transient', 'busy');
    });
    const error = await commitWithRetry(sink, commitBatch(1, 1), { maxAttempts: 1, baseDelayMillis: 0, maxDelayMillis: 0 }).catch((e: unknown) => e);
    expect(sink.writes).toHaveLength(1);
    expect((error as Error).message).toContain('commit still failing after 1 attempts: busy');
  });
});
