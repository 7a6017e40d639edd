/** What repeated runs of one setting measured. */
export interface RunStatistics {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** (max − min) / median: how far apart the runs were, as a share of the typical one. */
  readonly spread: number;
}

/** Median, range and spread of repeated measurements (e.g. records/s of each run). */
export function statisticsOf(values: readonly number[]): RunStatistics {
  if (values.length === 0) throw new Error('statisticsOf: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  return { runs: sorted.length, median, min, max, spread: median > 0 ? (max - min) / median : 0 };
}

/**
 * The order of the settings in pass `pass` of repeated sweeps: ascending, then descending, so
 * that drift on a shared machine (another job starting, a CPU heating up) falls on every setting alike.
 */
export function passOrder(count: number, pass: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  return pass % 2 === 1 ? order.reverse() : order;
}
