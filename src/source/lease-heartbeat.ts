import { SluiceConfigError } from '../core/errors.js';

/** Timing options every claim-queue source shares. */
export interface LeaseTimingOptions {
  /** How long a claim is held without a heartbeat before others may take it, in ms. @default 60000 */
  readonly leaseMillis?: number;
  /** How often a live process extends its leases, in ms. @default leaseMillis / 3 */
  readonly heartbeatMillis?: number;
  /** How often to look for work when the queue is empty but others hold claims, in ms. @default leaseMillis / 4, at most 1000 */
  readonly pollMillis?: number;
  /** Claims of one record before it is dead-lettered. @default 3 */
  readonly maxAttempts?: number;
}

/** The timings with defaults filled in, validated (a heartbeat must come before the lease ends). */
export function leaseTimings(o: LeaseTimingOptions): { leaseMillis: number; heartbeatMillis: number; pollMillis: number; maxAttempts: number } {
  atLeast('leaseMillis', o.leaseMillis, 100);
  atLeast('heartbeatMillis', o.heartbeatMillis, 10);
  atLeast('maxAttempts', o.maxAttempts, 1);
  atLeast('pollMillis', o.pollMillis, 1);
  const leaseMillis = o.leaseMillis ?? 60_000;
  const heartbeatMillis = o.heartbeatMillis ?? Math.max(10, Math.floor(leaseMillis / 3));
  if (heartbeatMillis >= leaseMillis) {
    throw new SluiceConfigError(`heartbeatMillis (${heartbeatMillis}) must be less than leaseMillis (${leaseMillis})`, 'heartbeatMillis');
  }
  const pollMillis = o.pollMillis ?? Math.min(1000, Math.max(1, Math.floor(leaseMillis / 4)));
  return { leaseMillis, heartbeatMillis, pollMillis, maxAttempts: o.maxAttempts ?? 3 };
}

function atLeast(name: string, v: number | undefined, min: number): void {
  if (v !== undefined && (!Number.isInteger(v) || v < min || v > 2_147_483_647)) {
    throw new SluiceConfigError(`${name} must be an integer from ${min} to 2147483647; got ${v}`, name);
  }
}

/**
 * Extends a process's leases every `everyMillis` while it works. A beat is skipped while the
 * previous one still runs, and a failed beat is ignored: a missed beat is harmless as long as
 * the next one comes before the lease ends. The timer never keeps the process alive.
 */
export class LeaseHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private beating = false;

  constructor(
    private readonly extend: () => Promise<unknown>,
    private readonly everyMillis: number,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      if (this.beating) return;
      this.beating = true;
      this.extend()
        .catch(() => {})
        .finally(() => (this.beating = false));
    }, this.everyMillis);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
