/**
 * Counts records read but not yet committed and makes the reader wait when `capacity` are out:
 * the pipeline's backpressure. RxJS has none of its own, so every record passes through here.
 */
export class CreditGate {
  private used = 0;
  private readonly waiters: { n: number; resolve: () => void }[] = [];
  /** Highest `inUse` ever seen: tests assert it never exceeds `capacity`. */
  peak = 0;

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  /** Resolves when `n` credits are free (n is capped at capacity, so it always can). */
  acquire(n: number, signal?: AbortSignal): Promise<boolean> {
    const want = Math.min(n, this.capacity);
    if (this.waiters.length === 0 && this.used + want <= this.capacity) {
      this.take(want);
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        // Stryker disable next-line ConditionalExpression: equivalent, a granted waiter has removed this listener; kept so a splice(-1) can never drop another waiter
        if (i >= 0) {
          this.waiters.splice(i, 1);
          resolve(false);
        }
      };
      const waiter = {
        n: want,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(true);
        },
      };
      this.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(n: number): void {
    this.used -= n;
    if (this.used < 0) throw new Error(`CreditGate: released more than acquired (${this.used})`);
    while (this.waiters.length > 0 && this.used + this.waiters[0]!.n <= this.capacity) {
      const w = this.waiters.shift()!;
      this.take(w.n);
      w.resolve();
    }
  }

  private take(n: number): void {
    this.used += n;
    // Stryker disable next-line EqualityOperator: equivalent, >= assigns the same value
    if (this.used > this.peak) this.peak = this.used;
  }
}
