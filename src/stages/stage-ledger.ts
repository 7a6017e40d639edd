import { SluiceVanishedRecordsError } from '../core/errors.js';

/** Records a stage received, passed on and dropped on purpose (outside the partition, done already). */
export interface StageCount {
  readonly name: string;
  in: number;
  out: number;
  dropped: number;
}

/**
 * Counts records through each stage of a flow, in the order the stages were piped, so that a
 * flow in which records vanish is caught and the place named: between which two stages, or
 * inside which one. One counter per stage: no per-record bookkeeping.
 */
export class StageLedger {
  readonly stages: StageCount[] = [];

  /** Registers a stage when it is piped (operators are applied in pipe order). */
  add(name: string): StageCount {
    const count: StageCount = { name, in: 0, out: 0, dropped: 0 };
    this.stages.push(count);
    return count;
  }

  /**
   * After the flow completed: every record a stage passed on reached the next stage, and every
   * record a stage received left it (passed on or dropped on purpose). `unsettled` records still
   * hold credits: they were read and never ended in a state.
   */
  check(unsettled: number): void {
    const s = this.stages;
    for (let i = 0; i < s.length; i++) {
      const a = s[i]!;
      if (i > 0 && a.in !== a.out + a.dropped) {
        throw new SluiceVanishedRecordsError(
          `stage "${a.name}" received ${a.in} records and passed on ${a.out}${a.dropped ? ` (dropped ${a.dropped} on purpose)` : ''}: ${a.in - a.out - a.dropped} vanished inside it; a stage must pass every record on (skip one with a reason to drop it)`,
          a.name,
        );
      }
      const b = s[i + 1];
      if (b && a.out !== b.in) {
        throw new SluiceVanishedRecordsError(
          `${a.out - b.in} records vanished between stage "${a.name}" (passed on ${a.out}) and stage "${b.name}" (received ${b.in}): an operator between them ${a.out > b.in ? 'dropped' : 'duplicated'} records; pass every record on, and skip one with a reason to drop it`,
          `${a.name} → ${b.name}`,
        );
      }
    }
    if (unsettled > 0) {
      const last = s[s.length - 1]?.name ?? 'readSource';
      throw new SluiceVanishedRecordsError(
        `${unsettled} records were read but never committed or settled: the flow ends in stage "${last}"; end it with commitBatches(flow) (or settleRecords(flow) for a dry run)`,
        last,
      );
    }
  }
}
