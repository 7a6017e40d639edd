import { describe, expect, it } from 'vitest';
import type { CommitBatch } from 'sluice';
import { mssqlSink } from '../../src/adapters/mssql/index.js';
import { MAX_ERROR_LENGTH } from '../../src/checkpoint/processing-log.js';
import { context, personBatch, range } from '../adapters/commit-batch.js';
import { answerLogWrites, bulkRows, fakeMssql, logEntries } from '../helpers/mssql-fake.js';

const URL = 'mssql://etl:x@db01/loans?schema=sandbox';

async function writeWith(written: (k: number | string) => boolean, records: Parameters<typeof personBatch>[0], queue = false, edit = (b: CommitBatch) => b) {
  const fake = answerLogWrites(fakeMssql(), written);
  const sink = mssqlSink({ url: URL, driver: fake.driver, ...(queue && { queue: { name: 'loans' } }) });
  await sink.open(context({ createTables: false, runId: 'run-7', instanceId: 1, instanceCount: 3 }));
  await sink.write(edit(personBatch(records, (k) => range(1, k))));
  await sink.close();
  const bulk = (name: string) => fake.calls.filter((c) => c.op === 'bulk' && c.table!.name === name).flatMap(bulkRows);
  return { fake, person: bulk('person'), phone: bulk('phone'), log: fake.queries().find((c) => /\[processing_log\]/.test(c.sql!) && c.on !== 'pool')! };
}

describe('exactly-once writes to SQL Server', () => {
  it('writes the log first and reports the keys it wrote; each entry as processing_log stores it', async () => {
    const long = 'x'.repeat(MAX_ERROR_LENGTH + 10);
    const { log } = await writeWith(() => true, [{ key: 3 }, { key: 1, attempts: 2 }, { key: 2, status: 'failed' }]);
    expect(log.sql).toMatch(/^DECLARE @written TABLE \(\[key\] BIGINT NOT NULL\);\nUPDATE l SET .*\nOUTPUT inserted\.\[key\] INTO @written\nFROM \[sandbox\]\.\[processing_log\] l INNER JOIN OPENJSON\(@entries\)/s);
    expect(log.sql).toContain("WHERE l.[status] <> N'succeeded';");
    expect(log.sql).toContain('WHERE NOT EXISTS (SELECT 1 FROM [sandbox].[processing_log] l WHERE l.[key] = s.[key]);\nSELECT [key] FROM @written;');
    const entries = logEntries(log);
    expect(entries.map((e) => [e.k, e.s, e.a, e.e])).toEqual([[1, 'succeeded', 2, null], [2, 'failed', 1, 'failed on purpose'], [3, 'succeeded', 1, null]]);
    expect(entries[0]!.t0).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/); // UTC, no zone: DATETIME2 reads it in any session language
    expect(Object.fromEntries(Object.entries(log.inputs!).filter(([k]) => k !== 'entries').map(([k, v]) => [k, v.value]))).toEqual({ instance_id: 1, instance_count: 3, run_id: 'run-7', mapping_version: null });
    const clipped = await writeWith(() => true, [{ key: 1, status: 'failed' }], false, (b) => ({ ...b, entries: [{ ...b.entries[0]!, error: long }] }));
    expect(logEntries(clipped.log)[0]!.e).toHaveLength(MAX_ERROR_LENGTH);
  });

  it('bulk-loads rows only for the keys the log write returned', async () => {
    const { person, phone } = await writeWith((k) => k === 1 || k === 3, range(1, 4).map((key) => ({ key })));
    expect(person.map((r) => r[0])).toEqual([1, 3]);
    expect(phone.map((r) => [r[0], r[1]])).toEqual([[1, 1], [3, 1], [3, 2], [3, 3]]);
  });

  it('bulk-loads every row when every key was written, and nothing when none was', async () => {
    const all = await writeWith(() => true, range(1, 4).map((key) => ({ key })));
    expect(all.person.map((r) => r[0])).toEqual([1, 2, 3, 4]);
    expect(all.phone).toHaveLength(1 + 2 + 3 + 4);
    const none = await writeWith(() => false, range(1, 4).map((key) => ({ key })));
    expect(none.fake.trace((c) => c.op === 'bulk')).toEqual([]);
    expect(none.fake.trace((c) => c.on === 1).at(-1)).toBe('commit#1');
  });

  it('finishes queue items of the written keys only, in the same transaction', async () => {
    const { fake } = await writeWith((k) => k !== 2, [{ key: 1 }, { key: 2 }, { key: 3, status: 'failed' }], true);
    const finish = fake.queries().find((c) => /UPDATE q SET \[status\] = CASE WHEN s\.f = 1/.test(c.sql!))!;
    expect(finish.on).toBe(1);
    expect(finish.sql).toContain('FROM [sandbox].[sluice_queue] q');
    expect(JSON.parse(String(finish.inputs!.items!.value))).toEqual([{ k: 1, f: 0, e: null }, { k: 3, f: 1, e: 'failed on purpose' }]);
    expect(fake.trace((c) => c.on === 1).at(-1)).toBe('commit#1');
  });

  it('refuses a text key for a BIGINT log, as a fatal error', async () => {
    const fake = fakeMssql();
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context({ createTables: false }));
    const batch = personBatch([{ key: 1 }]);
    const error = await sink.write({ ...batch, entries: [{ ...batch.entries[0]!, key: 'A-1' }] }).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'SluiceKeyTypeError' });
    expect(sink.classify(error)).toBe('fatal');
    await sink.close();
  });
});
