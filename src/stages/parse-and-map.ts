import { concatMap, from, mergeMap, tap, type OperatorFunction } from 'rxjs';
import type { SourceRecord } from '../core/record.js';
import { assertMapperKept, mapPage } from '../pipeline/map-page.js';
import { rowBytesOf, type MappedBatch } from '../worker/mapped-batch.js';
import { stateOf, type Flow } from './flow.js';

/**
 * The parse-and-map stage: each page goes to the flow's worker pool as one task, where saxes
 * parses the documents and the mapper (with the flow's record stages) turns them into rows.
 * Emits one `MappedBatch` per task, every record in it succeeded, failed (with its error) or
 * skipped (with its reason); from then on each record holds the credit gate's bytes by its rows'
 * estimate instead of its payload. At most `workers × tasksPerWorker` tasks run at once; a worker that
 * dies under a task has its records retried one by one, and only the record that kills it fails.
 *
 * @example
 * ```ts
 * // A dry run: parse and map a file, preview the rows, write nothing.
 * const flow = await openFlow({ mapper: './mapper.ts' });
 * readSource(flow, fromXmlFile('apps.xml', { element: 'Application', keyAttribute: 'id' }), { limit: 20 })
 *   .pipe(parseAndMap(flow), settleRecords(flow))
 *   .subscribe({ next: (batch) => console.log(recordsOf(flow, batch)), complete: () => void flow.close() });
 * ```
 */
export function parseAndMap(flow: Flow): OperatorFunction<SourceRecord[], MappedBatch> {
  const st = stateOf(flow);
  const o = st.options;
  // No mapper in the task: the pool's threads preloaded the flow's as they started (flow.ts).
  const base = { limits: o.parse };
  return (source) => {
    const count = st.ledger.add('parseAndMap');
    return source.pipe(
      mergeMap((page) => {
        count.in += page.length;
        return st.track(mapPage(st.pool, base, page, o.logger));
      }, o.workers * o.tasksPerWorker),
      concatMap((batches) => from(batches)),
      tap((batch) => {
        assertMapperKept(batch); // an async map stops the run before any of its records counts
        // The payloads are gone (the page is not held past its task): its records now hold their rows.
        st.gate.recharge(batch.keys, rowBytesOf(batch));
        count.out += batch.keys.length;
        st.metrics.mapped(batch);
      }),
    );
  };
}
