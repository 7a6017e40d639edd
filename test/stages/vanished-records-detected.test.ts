import { filter, map } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { batchOf, batchRecords, commitBatches, fromArray, namedStage, openFlow, parseAndMap, readSource, recordsOf, runFlow, SluiceVanishedRecordsError } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

const records = (n: number) => Array.from({ length: n }, (_, i) => ({ key: i + 1, payload: personXml(i + 1) }));

describe('records that vanish between stages', () => {
  it('fail the flow loudly, naming the two stages an operator between them lost records', async () => {
    const flow = await openFlow({ mapper: PERSON_MAPPER, sink: new MemorySink(), workers: 1, taskSize: 10 });
    const run = runFlow(
      flow,
      readSource(flow, fromArray(records(50))).pipe(
        parseAndMap(flow),
        filter((batch) => !batch.keys.includes(25)), // a plain RxJS filter drops a whole task
        batchRecords(flow),
        commitBatches(flow),
      ),
    );
    await expect(run).rejects.toThrow(SluiceVanishedRecordsError);
    await expect(run).rejects.toThrow('10 records vanished between stage "parseAndMap" (passed on 50) and stage "batchRecords" (received 40)');
  });

  it('name the user stage that lost them when it is wrapped in namedStage', async () => {
    const flow = await openFlow({ mapper: PERSON_MAPPER, sink: new MemorySink(), workers: 1, taskSize: 10 });
    const dropOdd = map((batch: Parameters<typeof recordsOf>[1]) => batchOf(flow, recordsOf(flow, batch).filter((r) => Number(r.key) % 2 === 0)));
    const error = await runFlow(
      flow,
      readSource(flow, fromArray(records(20))).pipe(parseAndMap(flow), namedStage(flow, 'drop-odd', dropOdd), batchRecords(flow), commitBatches(flow)),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SluiceVanishedRecordsError);
    expect(error).toMatchObject({ stage: 'drop-odd' });
    expect((error as Error).message).toMatch(/^stage "drop-odd" received 20 records and passed on 10: 10 vanished inside it; a stage must pass every record on \(skip one with a reason to drop it\)/);
  });
});
