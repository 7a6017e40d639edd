import { DEFAULTS, fromIterable, pipeline, type CommitBatch, type RunReport, type SourceRecord } from 'sluice';
import { MemorySink } from './memory-sink.js';
import { PERSON_MAPPER, personXml } from './people.js';

/**
 * Loads people with every commit held until `maxInFlightCommits` are in flight at once, and
 * waits until the source has given a batch more than they hold, less one page (pages are read
 * whole, and the first is of one record): what a pipeline with room in its queue does while its
 * commits wait on the database. It never resolves when the commits take every record credit (the
 * caller's test then times out). The commits are released after that, and the run's report is
 * returned with the sink.
 */
export async function readsWhileCommitsWait(
  settings: { readonly batchSize: number; readonly maxInFlightCommits: number },
): Promise<{ report: RunReport; sink: MemorySink; records: number; pulled: number; held: number; beyondAt: number }> {
  const { batchSize, maxInFlightCommits } = settings;
  const committing = maxInFlightCommits * batchSize;
  const records = committing + 2 * batchSize;

  // The sink holds every write until released; the source counts the records pulled from it.
  let held = 0;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let allHeld!: () => void;
  const heldAll = new Promise<void>((r) => (allHeld = r));
  const sink = new MemorySink({
    async beforeWrite(_batch: CommitBatch) {
      if (++held === maxInFlightCommits) allHeld();
      await released;
    },
  });
  let pulled = 0;
  const beyondAt = committing + batchSize - DEFAULTS.taskSize;
  let readBeyond!: () => void;
  const beyond = new Promise<void>((r) => (readBeyond = r));
  function* people(): Generator<SourceRecord> {
    for (let id = 1; id <= records; id++) {
      pulled++;
      if (pulled === beyondAt) readBeyond();
      yield { key: id, payload: personXml(id) };
    }
  }

  const run = pipeline({ source: fromIterable(people()), sink, mapper: PERSON_MAPPER, ...settings }).run();
  await heldAll;
  // Every commit allowed is held: the batch after them is still read (never, if the queue is full).
  await beyond;
  const seen = { pulled, held };
  release();
  return { report: await run, sink, records, beyondAt, ...seen };
}
