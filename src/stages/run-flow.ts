import { lastValueFrom, type Observable } from 'rxjs';
import { describePartition } from '../partition/partition.js';
import type { RunReport } from '../pipeline/run-report.js';
import { stateOf, type Flow } from './flow.js';

/**
 * Runs a composed flow to its end and resolves with the run's report. Teardown is the stream's:
 * when it completes (or errors, or the flow stops), reading has stopped, tasks and commits in
 * flight finish and are counted, then the pool, the sources and the sink are closed, so the
 * report's counts equal the log's in every ending. A flow that lost records between its stages
 * fails with SluiceVanishedRecordsError naming where. An error of the stream is thrown after the
 * teardown; `flow.progress$` then holds the final counts.
 *
 * @example
 * ```ts
 * const flow = await openFlow({ mapper: './mapper.ts', sink: sqliteSink({ file: 'out.db' }) });
 * const report = await runFlow(flow, readSource(flow, source).pipe(parseAndMap(flow), batchRecords(flow), commitBatches(flow)));
 * console.log(report.counts);
 * ```
 */
export async function runFlow(flow: Flow, stream$: Observable<unknown>): Promise<RunReport> {
  const st = stateOf(flow);
  let failure: { error: unknown } | undefined;
  try {
    await lastValueFrom(stream$, { defaultValue: undefined });
    st.ledger.check(st.gate.inUse);
  } catch (error) {
    failure = { error };
  }
  await flow.close();
  if (failure) throw failure.error;
  const o = st.options;
  st.metrics.peakBytes = st.gate.peakBytes;
  const report = st.metrics.report(o, st.status, { source: st.sourceNames.join(', ') || 'none', sink: o.sink?.name ?? 'none', partition: describePartition(o.partition) });
  o.logger?.info({ counts: report.counts, recordsPerSecond: report.recordsPerSecond }, 'run finished');
  return report;
}
