import cliProgress from 'cli-progress';
import type { Observable } from 'rxjs';
import type { Progress } from '../pipeline/run-report.js';

/**
 * A terminal progress bar (cli-progress: handles redraw, ETA and non-TTY fallbacks) fed by the
 * pipeline's progress observable. Returns a function that stops it.
 */
export function showProgressBar(progress$: Observable<Progress>, stream: NodeJS.WriteStream = process.stderr): () => void {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {percentage}% | {value}/{total} records | {rate} rec/s | failed {failed} | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const sub = progress$.subscribe((p) => {
    const done = p.succeeded + p.failed + p.skipped;
    const payload = { rate: Math.round(p.recordsPerSecond), failed: p.failed };
    if (!started) {
      bar.start(p.total ?? Math.max(done, 1), done, payload);
      started = true;
    } else {
      // The source's count arrives after the first progress values: until then the total grows with what is read.
      bar.setTotal(p.total ?? Math.max(done, p.read, 1));
      bar.update(done, payload);
    }
  });
  return () => {
    sub.unsubscribe();
    if (started) bar.stop();
  };
}
