/**
 * Lets the event loop run what waits (worker messages, I/O, timers) before going on: for code on
 * the main thread that would otherwise hold it with synchronous work (better-sqlite3).
 *
 * ```ts
 * for (const slice of slices) {
 *   insert(slice);
 *   await nextTurn();
 * }
 * ```
 */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
