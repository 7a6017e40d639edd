import { PassThrough } from 'node:stream';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { showProgressBar } from '../../src/cli/progress-bar.js';
import type { Progress } from '../../src/pipeline/run-report.js';

const progress = (done: number, total: number | undefined): Progress => ({
  read: done, succeeded: done, failed: 0, skipped: 0, inFlight: 0, elapsedMillis: 1000, recordsPerSecond: done, total,
});

describe('the progress bar', () => {
  it('takes the source count as its total when the count arrives after the first progress value', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 200 }) as unknown as NodeJS.WriteStream;
    let shown = '';
    (tty as unknown as PassThrough).on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const progress$ = new Subject<Progress>();
    const stop = showProgressBar(progress$, tty);
    progress$.next(progress(0, undefined));
    progress$.next(progress(800, 20_000));
    stop();
    // The final render, at stop, is the last state.
    const last = shown.split('records').at(-2) ?? '';
    expect(last).toMatch(/800\/20000 $/);
    expect(shown).not.toContain('800/1 ');
  });
});
