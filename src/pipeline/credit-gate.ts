/**
 * Counts records read but not yet committed and makes the reader wait when `capacity` are out:
 * the pipeline's backpressure. RxJS has none of its own, so every record passes through here.
 */
export class CreditGate {
  private used = 0;
  /** Waiting readers, first come first served (a Set keeps insertion order and deletes in O(1)). */
  private readonly waiters = new Set<{ n: number; resolve: () => void }>();
  /** Highest `inUse` ever seen: tests assert it never exceeds `capacity`. */
  peak = 0;

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  /** Resolves when `n` credits are free (n is capped at capacity, so it always can). */
  acquire(n: number, signal?: AbortSignal): Promise<boolean> {
    const want = Math.min(n, this.capacity);
    if (this.waiters.size === 0 && this.used + want <= this.capacity) {
      this.take(want);
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const onAbort = () => {
        // A granted waiter has removed this listener; were it not so, resolve(false) after resolve(true) changes nothing.
        this.waiters.delete(waiter);
        resolve(false);
      };
      const waiter = {
        n: want,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(true);
        },
      };
      this.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(n: number): void {
    this.used -= n;
    if (this.used < 0) throw new Error(`CreditGate: released more than acquired (${this.used})`);
    for (const w of this.waiters) {
      if (this.used + w.n > this.capacity) break;
      this.waiters.delete(w);
      this.take(w.n);
      w.resolve();
    }
  }

  private take(n: number): void {
    this.used += n;
    this.peak = Math.max(this.peak, this.used);
  }
}
