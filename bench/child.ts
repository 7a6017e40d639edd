// One measured load per process, so that peak RSS is the load's own: the parent forks this file,
// waits for 'ready' (modules loaded), sends the job, and gets the result back over IPC.
import type { LoadJob, LoadResult } from './lib/load-job.js';
import { runLoad } from './lib/run-load.js';

/** Parent → child. */
export type ToChild = { readonly type: 'run'; readonly job: LoadJob };
/** Child → parent. */
export type FromChild =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly result: LoadResult }
  | { readonly type: 'error'; readonly message: string };

function send(message: FromChild): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

if (!process.send) {
  console.error('bench/child.ts is started by the bench harness (bench/lib/child-runner.ts), not by hand');
  process.exit(2);
}

process.once('message', (message: ToChild) => {
  void (async () => {
    try {
      globalThis.gc?.();
      const result = await runLoad(message.job);
      await send({ type: 'result', result });
    } catch (error) {
      await send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
    // Exit at once: a pool or timer left behind must not keep the parent waiting.
    process.exit(0);
  })();
});
await send({ type: 'ready' });
