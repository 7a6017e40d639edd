/**
 * Spaces calls evenly at `perSecond` (no bursts): each call takes the next free slot, so N
 * calls take (N − 1) / perSecond seconds. Uses Date.now and setTimeout, so fake timers drive it.
 */
export class RateLimiter {
  private next = 0;
  private readonly gapMillis: number;

  constructor(perSecond: number) {
    this.gapMillis = Number.isFinite(perSecond) ? 1000 / perSecond : 0;
  }

  /** Resolves at this call's slot. */
  wait(): Promise<void> {
    if (this.gapMillis === 0) return Promise.resolve();
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.gapMillis;
    return at > now ? new Promise((resolve) => setTimeout(resolve, at - now)) : Promise.resolve();
  }
}
