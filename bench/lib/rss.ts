export { peakRssMb } from '../../src/tune/peak-rss.js';

const MB = 1024 * 1024;

/** Resident set size now, MB (main thread and worker threads: one process). */
export function rssMb(): number {
  return process.memoryUsage.rss() / MB;
}

/** RSS against records done, about `points` samples over a run of `total` records. */
export class RssTrack {
  private readonly samples: [number, number][] = [];
  private next = 0;
  private readonly step: number;

  constructor(total: number, points = 100) {
    this.step = Math.max(1, Math.floor(total / points));
  }

  /** Call as records complete; samples when another step is done. */
  observe(done: number): void {
    if (done < this.next) return;
    this.samples.push([done, Math.round(rssMb() * 10) / 10]);
    this.next = done + this.step;
  }

  list(): readonly (readonly [number, number])[] {
    return this.samples;
  }
}

/**
 * Mean RSS of the samples taken between `from` and `to` records done (GC makes single samples
 * jumpy), or of the nearest sample if none falls in the window.
 */
export function rssBetween(samples: readonly (readonly [number, number])[], from: number, to: number): number | undefined {
  const inside = samples.filter(([x]) => x >= from && x <= to);
  if (inside.length) return inside.reduce((s, [, y]) => s + y, 0) / inside.length;
  const mid = (from + to) / 2;
  let best: readonly [number, number] | undefined;
  for (const s of samples) if (!best || Math.abs(s[0] - mid) < Math.abs(best[0] - mid)) best = s;
  return best?.[1];
}
