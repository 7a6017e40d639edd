import { describe, expect, it } from 'vitest';
import { mssqlSink } from '../../src/adapters/mssql/index.js';
import { context, personBatch, PERSON_TABLES, range } from '../adapters/commit-batch.js';
import { answerLogWrites, fakeMssql } from '../helpers/mssql-fake.js';

const URL = 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;User Id=etl;Password=x;Schema=sandbox';
const afterOpen = (trace: string[]) => trace.slice(trace.lastIndexOf('query#pool') + 1);
const KEYED = PERSON_TABLES.map((t) => ({ ...t, keyColumn: t.name === 'person' ? 'id' : 'person_id' }));

describe('reprocessing into SQL Server', () => {
  it("deletes every key's previous rows, then replaces the log entries and bulk-loads the new rows, in one transaction", async () => {
    const fake = answerLogWrites(fakeMssql());
    const sink = mssqlSink({ url: URL, driver: fake.driver });
    await sink.open(context({ tables: KEYED, createTables: false, reprocess: true, mappingVersion: 'v2' }));
    await sink.write(personBatch([...range(1, 3).map((key) => ({ key, attempts: 2 })), { key: 4, status: 'failed', attempts: 2 }]));
    expect(afterOpen(fake.trace())).toEqual(['begin#1', 'query#1', 'query#1', 'query#1', 'bulk#1 [sandbox].[person]', 'bulk#1 [sandbox].[phone]', 'commit#1']);

    const [person, phone, log] = fake.queries().filter((c) => c.on === 1);
    expect(person!.sql).toBe('DELETE FROM [sandbox].[person] WHERE [id] IN (SELECT TRY_CAST(j.[value] AS INT) FROM OPENJSON(@keys) j)');
    expect(phone!.sql).toBe('DELETE FROM [sandbox].[phone] WHERE [person_id] IN (SELECT TRY_CAST(j.[value] AS INT) FROM OPENJSON(@keys) j)');
    // The failed record's rows go too: a fresh load would have none.
    expect([person, phone].map((c) => JSON.parse(String(c!.inputs!.keys!.value)) as unknown)).toEqual([[1, 2, 3, 4], [1, 2, 3, 4]]);
    // A succeeded entry is replaced as well, and carries the new version.
    expect(log!.sql).not.toContain("WHERE l.[status] <> N'succeeded'");
    expect(log!.inputs!.mapping_version!.value).toBe('v2');
    await sink.close();
  });

  it('refuses a claim queue: reprocess reads the source table again', async () => {
    const sink = mssqlSink({ url: URL, driver: fakeMssql().driver, queue: { name: 'loans' } });
    await expect(sink.open(context({ tables: KEYED, createTables: false, reprocess: true }))).rejects.toThrow(/does not go with a claim queue/);
    await sink.close();
  });
});
