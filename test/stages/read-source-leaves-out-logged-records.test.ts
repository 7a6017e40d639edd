import { tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { batchRecords, commitBatches, fromArray, openFlow, parseAndMap, readSource, runFlow, type CheckpointEntry } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

const records = (n: number) => Array.from({ length: n }, (_, i) => ({ key: i + 1, payload: personXml(i + 1) }));
const entry = (key: number, status: CheckpointEntry['status']): CheckpointEntry => ({ key, status, attempts: 1, startedAt: 0, finishedAt: 0, error: status === 'failed' ? 'bad' : null });

/** A sink whose log already holds keys 1-8 (succeeded) and 9-10 (failed), from an earlier run. */
function sinkWithLog(): MemorySink {
  const sink = new MemorySink();
  for (let k = 1; k <= 8; k++) sink.log.set(k, entry(k, 'succeeded'));
  for (const k of [9, 10]) sink.log.set(k, entry(k, 'failed'));
  return sink;
}

async function load(sink: MemorySink, options: { retryFailed?: boolean; resume?: boolean }) {
  // queueSize 4 with pages of 4: a page left out that kept its credits would stop the reader for good.
  const flow = await openFlow({ mapper: PERSON_MAPPER, sink, workers: 1, queueSize: 4, taskSize: 4, batchSize: 4, ...(options.retryFailed && { retryFailed: true }) });
  const read: number[] = [];
  const report = await runFlow(
    flow,
    readSource(flow, fromArray(records(16)), options.resume === false ? { resume: false } : {}).pipe(
      tap((page) => read.push(...page.map((r) => r.key as number))),
      parseAndMap(flow),
      batchRecords(flow),
      commitBatches(flow),
    ),
  );
  return { read, report };
}

describe('readSource, from a source that cannot filter by the log in SQL', () => {
  it('asks the sink and leaves out every logged record, failed ones too, without holding queue room for them', async () => {
    const sink = sinkWithLog();
    const { read, report } = await load(sink, {});
    expect(read).toEqual([11, 12, 13, 14, 15, 16]);
    expect(report.counts).toMatchObject({ read: 6, succeeded: 6, failed: 0 });
    expect(sink.count('failed')).toBe(2);
  });

  it('with retryFailed, reads the failed ones again', async () => {
    const { read, report } = await load(sinkWithLog(), { retryFailed: true });
    expect(read).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
    expect(report.counts).toMatchObject({ read: 8, succeeded: 8 });
  });

  it('with resume: false, reads everything', async () => {
    const { read } = await load(sinkWithLog(), { resume: false });
    expect(read).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });
});
