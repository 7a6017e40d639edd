import type { RecordKey } from '../core/record.js';
import type { KeyIssues } from '../source/source.js';

/** What the run report says of records not loaded because of their key. */
export interface KeyIssuesSummary {
  /** Records with a NULL key: not read, since they cannot be checkpointed. */
  readonly nullKeys: number;
  /** Records whose key had already been read in this run: not read again. */
  readonly duplicates: number;
  /** The first duplicated keys, at most `KeyTally.examples` of them. */
  readonly duplicateKeys: readonly RecordKey[];
}

/** Counts what sources report through `ReadRequest.keyIssues`, naming the first duplicated keys. */
export class KeyTally implements KeyIssues {
  private nulls = 0;
  private duplicates = 0;
  private readonly keys: RecordKey[] = [];

  constructor(private readonly examples = 10) {}

  nullKeys(count: number): void {
    this.nulls += count;
  }

  duplicate(key: RecordKey): void {
    this.duplicates++;
    if (this.keys.length < this.examples && this.keys[this.keys.length - 1] !== key) this.keys.push(key);
  }

  summary(): KeyIssuesSummary {
    return { nullKeys: this.nulls, duplicates: this.duplicates, duplicateKeys: [...this.keys] };
  }
}
