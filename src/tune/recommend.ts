/** One setting of a sweep and what it measured. */
export interface SweepPoint {
  readonly value: number;
  readonly recordsPerSecond: number;
  readonly peakRssMb: number;
}

/** What a sweep recommends, and why. */
export interface Recommendation {
  readonly value: number;
  /** The fastest setting measured (may differ from `value`). */
  readonly fastest: number;
  readonly reason: string;
}

export interface PickOptions {
  /** Settings within this share of the fastest count as equally fast. @default 0.05 */
  readonly tolerance?: number;
  /** A memory budget: the reason says when the recommended setting's peak RSS is over it. @default 350 */
  readonly rssBudgetMb?: number;
  /** The setting in use (the default): kept unless another is measurably faster. */
  readonly current?: number;
}

/**
 * Picks a setting from a sweep. Settings within `tolerance` of the fastest are ties: if the
 * current setting is one of them it is kept (no measured reason to change); otherwise the tie
 * with the lowest peak RSS, then the smallest value (fewer threads, smaller queues and batches
 * cost less and fail smaller). Throughput decides; memory breaks ties.
 */
export function pickBest(points: readonly SweepPoint[], options: PickOptions = {}): Recommendation {
  const tolerance = options.tolerance ?? 0.05;
  const budget = options.rssBudgetMb ?? 350;
  if (points.length === 0) throw new Error('pickBest: no points');
  const fastest = points.reduce((a, b) => (b.recordsPerSecond > a.recordsPerSecond ? b : a));
  const near = points.filter((p) => p.recordsPerSecond >= fastest.recordsPerSecond * (1 - tolerance));
  const kept = near.find((p) => p.value === options.current);
  const best = kept ?? near.reduce((a, b) => (b.peakRssMb < a.peakRssMb || (b.peakRssMb === a.peakRssMb && b.value < a.value) ? b : a));
  const parts: string[] = [];
  if (best.value === fastest.value) parts.push(`fastest (${Math.round(fastest.recordsPerSecond).toLocaleString('en-US')} records/s)`);
  else if (kept) {
    const behind = 1 - kept.recordsPerSecond / fastest.recordsPerSecond;
    parts.push(`no setting is measurably faster: the fastest (${fastest.value}) is ${(behind * 100).toFixed(1)}% ahead, within the margin the sweep can resolve (${Math.round(tolerance * 100)}%)`);
  } else {
    const behind = 1 - best.recordsPerSecond / fastest.recordsPerSecond;
    const cheaper =
      Math.round(best.peakRssMb) < Math.round(fastest.peakRssMb)
        ? `with less memory (${Math.round(best.peakRssMb)} MB against ${Math.round(fastest.peakRssMb)} MB)`
        : 'and the smaller setting';
    parts.push(`within ${(behind * 100).toFixed(1)}% of the fastest (${fastest.value}), the margin the sweep can resolve (${Math.round(tolerance * 100)}%), ${cheaper}`);
  }
  if (best.peakRssMb > budget) parts.push(`its peak RSS, ${Math.round(best.peakRssMb)} MB, is over the ${budget} MB budget`);
  return { value: best.value, fastest: fastest.value, reason: parts.join('; ') };
}
