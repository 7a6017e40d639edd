import type { RecordKey } from '../core/record.js';

/** One of the most common errors of a run. */
export interface TopError {
  readonly message: string;
  readonly count: number;
  /** A record that failed this way. */
  readonly exampleKey: RecordKey;
}

/**
 * Counts errors by shape, with a cap on distinct shapes: quoted values and digits are folded, and
 * so are sibling indexes in XML paths, so `Contact/Email` and `Contact[2]/Email` are one cause.
 */
export class ErrorTally {
  private readonly counts = new Map<string, { count: number; exampleKey: RecordKey; message: string }>();

  constructor(private readonly maxShapes = 200) {}

  add(key: RecordKey, message: string): void {
    const shape = message
      .replace(/^record \S+: /, '')
      .replace(/"[^"]*"/g, '"…"')
      .replace(/\[\d+\]/g, '')
      .replace(/\d+/g, '#')
      .slice(0, 160);
    const e = this.counts.get(shape);
    if (e) e.count++;
    else if (this.counts.size < this.maxShapes) this.counts.set(shape, { count: 1, exampleKey: key, message });
  }

  top(n = 5): TopError[] {
    return [...this.counts.values()]
      .sort((a, b) => b.count - a.count)
      .slice(0, n)
      .map(({ message, count, exampleKey }) => ({ message, count, exampleKey }));
  }
}
