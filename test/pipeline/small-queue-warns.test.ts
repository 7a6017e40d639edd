import { describe, expect, it } from 'vitest';
import { fromArray, pipeline, type Logger } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

// A queueSize set below the commits in flight and one filling batch does not fail a run, but it
// stalls reading while batches commit: the run says so, with the numbers to change.

function warningsOf(settings: { queueSize?: number; batchSize?: number; maxInFlightCommits?: number }) {
  const warnings: { obj: Record<string, unknown>; msg: string | undefined }[] = [];
  const logger: Logger = { debug() {}, info() {}, error() {}, warn: (obj, msg) => warnings.push({ obj: obj as Record<string, unknown>, msg }) };
  const records = [1, 2, 3].map((id) => ({ key: id, payload: personXml(id) }));
  return { warnings, run: pipeline({ source: fromArray(records), sink: new MemorySink(), mapper: PERSON_MAPPER, logger, ...settings }).run() };
}

describe('a queueSize too small for the commits in flight', () => {
  it('is warned about, naming the queue needed, and the run goes on', async () => {
    const { warnings, run } = warningsOf({ queueSize: 1000, batchSize: 500, maxInFlightCommits: 2 });
    const report = await run;
    expect(report.counts.succeeded).toBe(3);
    const queue = warnings.filter((w) => 'queueSizeNeeded' in w.obj);
    expect(queue).toHaveLength(1);
    expect(queue[0]!.obj).toEqual({ queueSize: 1000, batchSize: 500, maxInFlightCommits: 2, queueSizeNeeded: 1500 });
    expect(queue[0]!.msg).toMatch(/queueSize 1000 is less than 3 batches of 500/);
    // Named as the API and the CLI spell them: `sluice run` users set --queue-size.
    expect(queue[0]!.msg).toMatch(/Set queueSize \(--queue-size\) to 1500 or more, lower batchSize \(--batch-size\)/);
  });

  it('is not warned about when the queue holds them, nor when it is left unset', async () => {
    for (const settings of [{ queueSize: 1500, batchSize: 500, maxInFlightCommits: 2 }, { batchSize: 5000 }, {}]) {
      const { warnings, run } = warningsOf(settings);
      await run;
      expect(warnings.filter((w) => 'queueSizeNeeded' in w.obj)).toEqual([]);
    }
  });
});
