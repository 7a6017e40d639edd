import { afterEach, describe, expect, it, vi } from 'vitest';
import { commitWithRetry, SluiceSinkError } from '../../src/sink/commit-with-retry.js';
import type { Logger } from '../../src/pipeline/logger.js';
import { commitBatch, keysOf, ScriptedError, ScriptedSink } from '../helpers/scripted-sink.js';

const RETRY = { maxAttempts: 4, baseDelayMillis: 100, maxDelayMillis: 250 };

function recordingLogger(): Logger & { warnings: [object, string | undefined][] } {
  const warnings: [object, string | undefined][] = [];
  const none = () => {};
  return { warnings, debug: none, info: none, error: none, warn: (obj, msg) => warnings.push([obj, msg]) };
}

describe('commitWithRetry, transient errors', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('tries the same batch again after an exponential backoff, and counts the retries', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0); // jitter factor 0.5: delays 50, 100, then capped 250 / 2
    const sink = new ScriptedSink((_, write) => {
      if (write < 4) throw new ScriptedError('transient', 'database is locked');
    });
    const logger = recordingLogger();
    const done = commitWithRetry(sink, commitBatch(1, 3), RETRY, logger);

    for (const [wait, writes] of [[49, 1], [1, 2], [99, 2], [1, 3], [124, 3], [1, 4]] as const) {
      await vi.advanceTimersByTimeAsync(wait);
      expect(sink.writes).toHaveLength(writes);
    }
    const outcome = await done;

    expect(outcome.retries).toBe(3);
    expect(keysOf(outcome.entries)).toEqual([1, 2, 3]);
    expect(sink.writes.map(keysOf)).toEqual([[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]);
    expect(logger.warnings).toEqual([
      [{ attempt: 1, delayMillis: 50, error: 'database is locked' }, 'transient database error; retrying'],
      [{ attempt: 2, delayMillis: 100, error: 'database is locked' }, 'transient database error; retrying'],
      [{ attempt: 3, delayMillis: 125, error: 'database is locked' }, 'transient database error; retrying'],
    ]);
  });

  it('gives up after maxAttempts with a SluiceSinkError that says what to do and keeps the cause', async () => {
    vi.useFakeTimers();
    const busy = new ScriptedError('transient', 'connection reset');
    const sink = new ScriptedSink(() => {
      throw busy;
    });
    const done = commitWithRetry(sink, commitBatch(1, 2), RETRY).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = await done;

    expect(sink.writes).toHaveLength(4);
    expect(error).toBeInstanceOf(SluiceSinkError);
    expect((error as SluiceSinkError).name).toBe('SluiceSinkError');
    expect((error as Error).message).toBe(
      'scripted: commit still failing after 4 attempts: connection reset; check the database and rerun (committed work is kept)',
    );
    expect((error as Error).cause).toBe(busy);
  });

  it('describes a thrown value that is not an Error by its text', async () => {
    const sink = new ScriptedSink(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- drivers do throw strings
      throw 'SQLITE_FULL';
    });
    await expect(commitWithRetry(sink, commitBatch(1, 1), RETRY)).rejects.toThrow('scripted: commit failed: SQLITE_FULL');
  });
});
