import { describe, expect, it } from 'vitest';
import { mssqlSink } from '../../src/adapters/mssql/index.js';
import { commitWithRetry } from '../../src/sink/commit-with-retry.js';
import { context, personBatch, range } from '../adapters/commit-batch.js';
import { bulkRows, fakeMssql, logEntries, type FakeCall } from '../helpers/mssql-fake.js';
import { serverError } from '../helpers/mssql-errors.js';

const URL = 'mssql://etl:x@db01/loans?schema=sandbox';
const RETRY = { maxAttempts: 4, baseDelayMillis: 1, maxDelayMillis: 2 };
const committed = (calls: FakeCall[]) => {
  const ok = new Set(calls.filter((c) => c.op === 'commit').map((c) => c.on));
  return calls.filter((c) => ok.has(c.on));
};

describe('the core retrying and isolating SQL Server errors', () => {
  it('retries a batch whose keys another process committed first, and writes rows only for the rest', async () => {
    let attempt = 0;
    const fake = fakeMssql().when(/INSERT INTO \[sandbox\]\.\[processing_log\]/, (c) => {
      // First attempt: the INSERT meets a key another process has just committed.
      if (++attempt === 1) throw serverError(2627, "Violation of PRIMARY KEY constraint 'PK__processi'. Cannot insert duplicate key in object 'sandbox.processing_log'. The duplicate key value is (2).", 14);
      // The retry's NOT EXISTS now sees key 2 and leaves it out.
      return { recordset: logEntries(c).filter((e) => e.k !== 2).map((e) => ({ key: String(e.k) })) };
    });
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context({ createTables: false }));
    const outcome = await commitWithRetry(sink, personBatch(range(1, 3).map((key) => ({ key }))), RETRY);
    expect(outcome.retries).toBe(1);
    expect(fake.trace((c) => c.op !== 'query' && c.on !== 'pool')).toEqual([
      'begin#1', 'rollback#1',
      'begin#2', 'bulk#2 [sandbox].[person]', 'bulk#2 [sandbox].[phone]', 'commit#2',
    ]);
    expect(committed(fake.calls).filter((c) => c.op === 'bulk' && c.table!.name === 'person').flatMap(bulkRows).map((r) => r[0])).toEqual([1, 3]);
    await sink.close();
  });

  it("isolates the record whose rows the server rejects; the others commit, it is logged as failed with the server's message", async () => {
    const logged: { k: number | string; s: string; e: string | null }[] = [];
    const fake = fakeMssql()
      .when(/INSERT INTO \[sandbox\]\.\[processing_log\]/, (c) => {
        const entries = logEntries(c);
        return { recordset: entries.map((e) => ({ key: String(e.k) })) };
      })
      .when(
        (c) => c.op === 'bulk' && c.table!.name === 'phone' && c.table!.rows.some((r) => r[0] === 6),
        () => {
          throw serverError(547, 'The INSERT statement conflicted with the FOREIGN KEY constraint "FK_phone_exchange".', 16);
        },
      )
      .when('commit', (c) => {
        const log = fake.calls.find((x) => x.on === c.on && x.op === 'query' && /processing_log/.test(x.sql!));
        if (log) logged.push(...logEntries(log));
      });
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context({ createTables: false }));
    const outcome = await commitWithRetry(sink, personBatch(range(1, 8).map((key) => ({ key }))), RETRY);
    expect(outcome.entries.filter((e) => e.status === 'failed').map((e) => e.key)).toEqual([6]);
    expect(logged.map((e) => [e.k, e.s]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(range(1, 8).map((k) => [k, k === 6 ? 'failed' : 'succeeded']));
    expect(logged.find((e) => e.k === 6)!.e).toBe('record 6: the database rejected its rows: The INSERT statement conflicted with the FOREIGN KEY constraint "FK_phone_exchange".');
    const people = committed(fake.calls).filter((c) => c.op === 'bulk' && c.table!.name === 'person').flatMap(bulkRows).map((r) => r[0]);
    expect(people.sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 7, 8]);
    await sink.close();
  });
});
