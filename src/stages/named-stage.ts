import { tap, type OperatorFunction } from 'rxjs';
import type { MappedBatch } from '../worker/mapped-batch.js';
import { stateOf, type Flow } from './flow.js';

/**
 * Wraps an operator of your own so the flow counts the records through it: if it loses or
 * duplicates records, `runFlow` fails with SluiceVanishedRecordsError naming this stage instead
 * of the stages around it. To drop a record, mark it skipped with a reason (`recordsOf` /
 * `batchOf`): it is then logged, never lost.
 *
 * @example
 * ```ts
 * mapped$.pipe(
 *   namedStage(flow, 'flag-test-apps', map((batch) => batchOf(flow, recordsOf(flow, batch).map(flagTestApps)))),
 *   batchRecords(flow),
 * )
 * ```
 */
export function namedStage(flow: Flow, name: string, operator: OperatorFunction<MappedBatch, MappedBatch>): OperatorFunction<MappedBatch, MappedBatch> {
  const st = stateOf(flow);
  return (source) => {
    const count = st.ledger.add(name);
    return source.pipe(
      tap((batch) => (count.in += batch.keys.length)),
      operator,
      tap((batch) => (count.out += batch.keys.length)),
    );
  };
}
