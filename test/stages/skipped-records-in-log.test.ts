import { describe, expect, it } from 'vitest';
import { batchRecords, commitBatches, enrich, openFlow, parseAndMap, readSource, runFlow, sqliteSink, sqliteSource } from 'sluice';
import { PERSON_MAPPER, query, seedPeople } from '../helpers/people.js';

describe('a record a user stage drops', () => {
  it('is checkpointed as skipped with its reason, and has no rows', async () => {
    const file = seedPeople(50);
    const flow = await openFlow({ mapper: PERSON_MAPPER, sink: sqliteSink({ file }), workers: 1 });
    const report = await runFlow(
      flow,
      readSource(flow, sqliteSource({ file })).pipe(
        parseAndMap(flow),
        enrich(flow, async (record, call) => {
          if (Number(record.key) % 7 === 0) call.skip(`no credit file for ${record.key}`);
        }),
        batchRecords(flow),
        commitBatches(flow),
      ),
    );

    const sevens = [7, 14, 21, 28, 35, 42, 49];
    expect(report.counts).toMatchObject({ read: 50, succeeded: 43, skipped: 7, failed: 0 });
    expect(query(file, "SELECT key, error FROM processing_log WHERE status = 'skipped' ORDER BY key")).toEqual(
      sevens.map((key) => ({ key, error: `no credit file for ${key}` })),
    );
    expect(query(file, `SELECT count(*) n FROM person WHERE id IN (${sevens.join(',')})`)[0]).toEqual({ n: 0 });
    expect(query(file, 'SELECT count(*) n FROM processing_log')[0]).toEqual({ n: 50 });
  });
});
