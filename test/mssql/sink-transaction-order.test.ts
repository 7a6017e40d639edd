import { describe, expect, it } from 'vitest';
import { mssqlSink } from '../../src/adapters/mssql/index.js';
import { createCommitBatch } from '../../src/sink/commit-batch.js';
import { context, personBatch, range } from '../adapters/commit-batch.js';
import { answerLogWrites, fakeMssql } from '../helpers/mssql-fake.js';
import { serverError } from '../helpers/mssql-errors.js';

const URL = 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;User Id=etl;Password=x;Schema=sandbox';
const afterOpen = (trace: string[]) => trace.slice(trace.lastIndexOf('query#pool') + 1);

describe('the SQL Server sink transaction', () => {
  it('creates the tables in one transaction, under the DDL lock', async () => {
    const fake = fakeMssql();
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context());
    const ddl = fake.calls.filter((c) => c.on === 1);
    expect(ddl.map((c) => c.op)).toEqual(['begin', ...new Array(ddl.length - 2).fill('query'), 'commit']);
    expect(ddl[1]!.sql).toMatch(/sp_getapplock @Resource = N'sluice:ddl'/);
    expect(ddl.filter((c) => /CREATE TABLE/.test(c.sql ?? '')).map((c) => /CREATE TABLE (\S+)/.exec(c.sql!)![1]).sort()).toEqual(['[sandbox].[person]', '[sandbox].[phone]', '[sandbox].[processing_log]']);
    await sink.close();
  });

  it('begins, writes the log, bulk-loads each table and commits, all on one transaction', async () => {
    const fake = answerLogWrites(fakeMssql());
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context({ createTables: false }));
    await sink.write(personBatch([...range(1, 3).map((key) => ({ key })), { key: 4, status: 'failed' }]));
    expect(afterOpen(fake.trace())).toEqual(['begin#1', 'query#1', 'bulk#1 [sandbox].[person]', 'bulk#1 [sandbox].[phone]', 'commit#1']);
    expect(fake.calls.find((c) => c.op === 'bulk')!.options).toEqual({ checkConstraints: true, keepNulls: true, fireTriggers: false, lockTable: false });
    await sink.close();
    expect(fake.trace().at(-1)).toBe('close#pool');
  });

  it('rolls back and commits nothing when a bulk load fails, and says whose error it is', async () => {
    const fake = answerLogWrites(fakeMssql()).when(
      (c) => c.op === 'bulk' && c.table!.name === 'phone',
      () => {
        throw serverError(2627, "Violation of PRIMARY KEY constraint 'PK_phone'. Cannot insert duplicate key in object 'sandbox.phone'. The duplicate key value is (2, 1).", 14);
      },
    );
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context({ createTables: false }));
    const error = await sink.write(personBatch(range(1, 3).map((key) => ({ key })))).then(() => undefined, (e: unknown) => e);
    expect(afterOpen(fake.trace())).toEqual(['begin#1', 'query#1', 'bulk#1 [sandbox].[person]', 'bulk#1 [sandbox].[phone]', 'rollback#1']);
    expect(sink.classify(error)).toBe('record');
    await sink.close();
  });

  it('rolls back when the log write fails, before any bulk load', async () => {
    const fake = fakeMssql().when(/\[processing_log\]/, () => {
      throw serverError(1205, 'Transaction (Process ID 61) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.', 13);
    });
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context({ createTables: false }));
    const error = await sink.write(personBatch([{ key: 1 }])).then(() => undefined, (e: unknown) => e);
    expect(afterOpen(fake.trace())).toEqual(['begin#1', 'query#1', 'rollback#1']);
    expect(sink.classify(error)).toBe('transient');
    await sink.close();
  });

  it('reports the first error, not a rollback that fails after the server already rolled back', async () => {
    const fake = answerLogWrites(fakeMssql())
      .when('commit', () => {
        throw Object.assign(new Error('Connection lost - read ECONNRESET'), { code: 'ESOCKET' });
      })
      .when('rollback', () => {
        throw Object.assign(new Error('Transaction has not begun. Call begin() first.'), { code: 'ENOTBEGUN' });
      });
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context({ createTables: false }));
    const error = await sink.write(personBatch([{ key: 1 }])).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'ESOCKET' });
    expect(sink.classify(error)).toBe('transient');
    expect(afterOpen(fake.trace()).slice(-2)).toEqual(['commit#1', 'rollback#1']);
    await sink.close();
  });

  it('opens no transaction for an empty batch', async () => {
    const fake = fakeMssql();
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context({ createTables: false }));
    await sink.write(createCommitBatch([], []));
    expect(afterOpen(fake.trace())).toEqual([]);
    await sink.close();
  });
});
