import { filter, map, type OperatorFunction } from 'rxjs';
import type { RecordKey, SourceRecord } from '../core/record.js';
import { inPartition, type Partition } from '../partition/partition.js';
import { stateOf, type Flow } from './flow.js';

/**
 * The partition stage, for sources that cannot filter by partition themselves (files, iterables):
 * keeps the records of this instance (`modulo`, `range`) and returns the credits of the others,
 * which are another instance's work, not this one's.
 *
 * @example
 * ```ts
 * readSource(flow, fromDirectory('inbox/')).pipe(partitionRecords(flow, modulo(0, 3)), parseAndMap(flow), ...)
 * ```
 */
export function partitionRecords(flow: Flow, partition: Partition): OperatorFunction<SourceRecord[], SourceRecord[]> {
  const st = stateOf(flow);
  return (source) => {
    const count = st.ledger.add('partitionRecords');
    return source.pipe(
      map((page) => {
        count.in += page.length;
        const kept: SourceRecord[] = [];
        const others: RecordKey[] = [];
        for (const r of page) {
          if (inPartition(r.key, partition)) kept.push(r);
          else others.push(r.key);
        }
        const dropped = others.length;
        if (dropped) {
          st.gate.settle(others);
          st.metrics.read -= dropped;
          count.dropped += dropped;
        }
        count.out += kept.length;
        return kept;
      }),
      filter((kept) => kept.length > 0),
    );
  };
}
