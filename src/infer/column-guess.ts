import type { ColumnDef } from '../mapper/column.js';
import { classifyValue, type ValueKind } from './value-kind.js';

/** A column type chosen from the values seen, with the evidence for the report. */
export interface GuessedType {
  /** The column's type; `nullable` here is true only when empty values need NULL (absence is judged elsewhere). */
  readonly def: ColumnDef;
  /** Values of each kind seen. */
  readonly kinds: Readonly<Partial<Record<ValueKind, number>>>;
  /** Kinds that do not share a type, e.g. `integer (12) and text (3, e.g. "N/A") → text`. */
  readonly conflict?: string;
}

const NUMERIC: readonly ValueKind[] = ['integer', 'bigint', 'decimal', 'number'];
const TEMPORAL: readonly ValueKind[] = ['date', 'timestamp'];
/**
 * Text lengths a column gets: four times the longest value seen, rounded up to one of these, to
 * leave room for the longer values a sample misses (twice was too tight on real data: kanjidic2
 * readings of 21 characters against 20, CLDR names of 98 against 50). Past the last, no limit.
 */
const TEXT_LENGTHS = [50, 100, 255, 1000, 4000];
/** Text longer than this in the sample is free text: no length limit at all. */
const FREE_TEXT = 500;
/** Decimal precision at least this (the default of `column.decimal`), so unsampled larger amounts fit. */
const MIN_PRECISION = 18;
const MAX_PRECISION = 38;

/** Accumulates the values of one path and picks the narrowest column type that holds them all. */
export class ColumnGuess {
  private readonly counts: Partial<Record<ValueKind, number>> = {};
  private readonly examples: Partial<Record<ValueKind, string>> = {};
  private maxLength = 0;
  private maxIntDigits = 0;
  private maxScale = 0;
  /** Values added, empty ones included. */
  values = 0;

  add(raw: string): void {
    const v = classifyValue(raw);
    this.values++;
    this.counts[v.kind] = (this.counts[v.kind] ?? 0) + 1;
    this.examples[v.kind] ??= raw.trim().slice(0, 40);
    this.maxLength = Math.max(this.maxLength, v.length);
    this.maxIntDigits = Math.max(this.maxIntDigits, v.intDigits);
    this.maxScale = Math.max(this.maxScale, v.scale);
  }

  /** Whether some value was not empty. */
  get hasContent(): boolean {
    return Object.keys(this.counts).some((k) => k !== 'empty');
  }

  guess(): GuessedType {
    const kinds = (Object.keys(this.counts) as ValueKind[]).filter((k) => k !== 'empty');
    const emptyNeedsNull = (this.counts.empty ?? 0) > 0;
    const within = (set: readonly ValueKind[]) => kinds.length > 0 && kinds.every((k) => set.includes(k));
    const typed = (def: Omit<ColumnDef, 'nullable'>): GuessedType => ({ def: { ...def, nullable: emptyNeedsNull }, kinds: this.counts });
    if (within(['boolean'])) return typed({ type: 'boolean' });
    if (within(['integer'])) return typed({ type: 'integer' });
    if (within(['integer', 'bigint'])) return typed({ type: 'bigint' });
    if (within(['integer', 'bigint', 'decimal'])) {
      const precision = Math.max(MIN_PRECISION, this.maxIntDigits + this.maxScale);
      if (precision <= MAX_PRECISION) return typed({ type: 'decimal', precision, scale: this.maxScale });
    } else if (within(NUMERIC)) {
      return typed({ type: 'number' });
    }
    if (within(['date'])) return typed({ type: 'date' });
    if (within(TEMPORAL)) return typed({ type: 'timestamp' });
    const length = this.maxLength > FREE_TEXT ? undefined : TEXT_LENGTHS.find((n) => n >= 4 * this.maxLength);
    const text: GuessedType = { def: { type: 'text', nullable: false, ...(length !== undefined && { maxLength: length }) }, kinds: this.counts };
    const conflict = this.conflict(kinds);
    return conflict ? { ...text, conflict } : text;
  }

  /** Names the kinds that forced text, the rarest with an example value. */
  private conflict(kinds: ValueKind[]): string | undefined {
    if (kinds.length < 2) {
      return kinds[0] === 'decimal' ? `decimals of more than ${MAX_PRECISION} digits → text` : undefined;
    }
    const parts = kinds
      .sort((a, b) => (this.counts[b] ?? 0) - (this.counts[a] ?? 0))
      .map((k) => `${k} (${this.counts[k]}, e.g. ${JSON.stringify(this.examples[k])})`);
    return `${parts.join(' and ')} → text`;
  }
}
