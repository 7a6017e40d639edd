import type { FromLoadProcess, ToLoadProcess } from './load-process.js';

function send<R>(message: FromLoadProcess<R>): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

/**
 * The load process's side of `startLoadProcess`: says it is ready, runs the one job it is sent,
 * sends the result (or the error) back and exits, so that nothing left behind (a pool, a timer)
 * keeps the parent waiting. `name` is for the message when the file is started by hand.
 */
export async function serveOneLoad<J, R>(name: string, run: (job: J) => Promise<R>): Promise<void> {
  if (!process.send) {
    process.stderr.write(`${name} is started by its parent (sluice tune, the bench), not by hand\n`);
    process.exit(2);
  }
  process.once('message', (message: ToLoadProcess<J>) => {
    void (async () => {
      try {
        globalThis.gc?.();
        await send<R>({ type: 'result', result: await run(message.job) });
      } catch (error) {
        await send<R>({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
      process.exit(0);
    })();
  });
  await send<R>({ type: 'ready' });
}
