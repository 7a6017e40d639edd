/**
 * A small, fast, deterministic pseudo-random generator (sfc32) for demo data.
 *
 * Each record gets its own stream, seeded from `(seed, appId)` alone, so record N is the
 * same whatever the record count, the order of generation or the worker that makes it.
 *
 * ```ts
 * const rng = recordRng(42, 1001);
 * rng.int(1, 6);          // same value every run for seed 42, record 1001
 * rng.pick(['a', 'b']);
 * ```
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // Spread the one 32-bit seed over the four state words, then let the mix settle.
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32(seed ^ 0x243f6a88);
    this.c = mix32(seed ^ 0xb7e15162);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** The next unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** The generator of one record: a pure function of `(seed, appId)`. */
export function recordRng(seed: number, appId: number): Rng {
  return new Rng(recordSeed(seed, appId));
}

/** A 32-bit seed for one record; `appId` may be any safe integer. */
export function recordSeed(seed: number, appId: number): number {
  const lo = appId >>> 0;
  const hi = Math.floor(appId / 4294967296) >>> 0;
  return mix32(mix32(mix32(seed >>> 0) ^ lo) ^ Math.imul(hi, 0x85ebca6b)) >>> 0;
}

/** Murmur3's 32-bit finaliser: a cheap avalanche mix. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
