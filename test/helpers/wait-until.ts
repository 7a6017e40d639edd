/** Polls `condition` until it holds (a state to reach, not a duration to sleep); fails after `timeoutMillis`. */
export async function waitUntil(condition: () => boolean, timeoutMillis = 60_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
