import { describe, expect, it } from 'vitest';
import { commitWithRetry, SluiceSinkError } from '../../src/sink/commit-with-retry.js';
import { commitBatch, ScriptedSink } from '../helpers/scripted-sink.js';

describe('commitWithRetry, a driver that throws something other than an Error', () => {
  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    ['socket closed', 'socket closed'],
  ])('throwing %s stops with a SluiceSinkError that shows it', async (thrown, shown) => {
    const sink = new ScriptedSink(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- drivers can throw anything
      throw thrown;
    });
    const error = await commitWithRetry(sink, commitBatch(1, 2), { maxAttempts: 3, baseDelayMillis: 0, maxDelayMillis: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SluiceSinkError);
    expect((error as Error).message).toBe(`scripted: commit failed: ${shown}`);
    expect((error as Error).cause).toBe(thrown);
  });
});
