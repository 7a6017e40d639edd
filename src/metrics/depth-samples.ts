/**
 * Queue depth over time, in bounded memory: when full, every other sample is dropped and the
 * sampling interval doubles, so a run of any length keeps an even picture.
 */
export class DepthSamples {
  private samples: [number, number][] = [];
  private every = 1;
  private seen = 0;
  max = 0;

  constructor(private readonly capacity = 512) {}

  add(elapsedMillis: number, depth: number): void {
    if (depth > this.max) this.max = depth;
    if (this.seen++ % this.every !== 0) return;
    this.samples.push([Math.round(elapsedMillis), depth]);
    if (this.samples.length >= this.capacity) {
      this.samples = this.samples.filter((_, i) => i % 2 === 0);
      this.every *= 2;
    }
  }

  /** `[elapsed ms, records in flight]` pairs. */
  list(): readonly (readonly [number, number])[] {
    return this.samples;
  }
}
