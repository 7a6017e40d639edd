import { tap, type OperatorFunction } from 'rxjs';
import { entriesOf } from '../sink/checkpoint-entries.js';
import { sliceRowCount, type MappedBatch } from '../worker/mapped-batch.js';
import { stateOf, type Flow } from './flow.js';

/**
 * The terminal stage of a flow with no sink (a dry run, a preview, rows handed to your own
 * code): counts each record in its state as if committed, returns its credits to the gate, and
 * passes the batch on. Nothing is written and no log is kept, so a rerun starts over.
 *
 * @example
 * ```ts
 * const flow = await openFlow({ mapper: './mapper.ts' });
 * const report = await runFlow(flow, readSource(flow, fromDirectory('samples/')).pipe(
 *   parseAndMap(flow),
 *   settleRecords(flow),
 *   tap((batch) => console.table(recordsOf(flow, batch))),
 * ));
 * ```
 */
export function settleRecords(flow: Flow): OperatorFunction<MappedBatch, MappedBatch> {
  const st = stateOf(flow);
  return (source) => {
    const count = st.ledger.add('settleRecords');
    return source.pipe(
      tap((batch) => {
        const n = batch.keys.length;
        count.in += n;
        const slice = { batch, from: 0, to: n };
        st.settle(entriesOf([slice]), sliceRowCount(slice), 0, 0);
        count.out += n;
      }),
    );
  };
}
