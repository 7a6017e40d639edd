import { describe, expect, it } from 'vitest';
import { pipeline, SluiceConfigError } from 'sluice';
import { mssqlSink, mssqlSource, type MssqlSourceOptions } from '../../src/adapters/mssql/index.js';
import { fakeMssql, type FakeCall } from '../helpers/mssql-fake.js';
import { serverError } from '../helpers/mssql-errors.js';
import { PERSON_MAPPER } from '../helpers/people.js';

const URL = 'mssql://etl:x@db01/loans?schema=sandbox';

/** A server with `sandbox.app_xml(app_id, xml)` and `sandbox.other` that compiles only `where` conditions on those columns. */
function server() {
  return fakeMssql()
    .when(/FROM sys\.columns c WHERE c\.object_id = OBJECT_ID\(@table\) ORDER BY/, (c) => ({
      recordset: c.inputs?.table?.value === '[sandbox].[app_xml]' ? [{ name: 'app_id' }, { name: 'xml' }] : [],
    }))
    .when(/FROM sys\.objects o/, (c) => ({ recordset: c.inputs?.schema?.value === 'sandbox' ? [{ name: 'app_xml' }, { name: 'other' }] : [] }))
    .when(/SELECT TOP \(0\) 1/, (c) => {
      const where = /WHERE \((.*)\)$/s.exec(c.sql!)![1]!;
      const unknown = where.match(/\b[a-z_]+\b/gi)!.find((w) => !['t', 'app_id', 'xml', 'is', 'not', 'null', 'and'].includes(w.toLowerCase()));
      if (unknown) throw serverError(207, `Invalid column name '${unknown}'.`);
    });
}

const creates = (calls: FakeCall[]) => calls.filter((c) => c.op === 'query' && /CREATE TABLE|INSERT INTO|sp_getapplock/i.test(c.sql!));

describe('SQL Server: the source is checked before the sink creates anything', () => {
  it.each([
    ['a missing table', { table: 'sandbox.app_xmll' }, 'table', /^source table "sandbox\.app_xmll" does not exist in mssql:db01:1433\/loans \(tables there: app_xml, other\); set table \(--table\)/],
    ['a missing key column', { keyColumn: 'ID' }, 'keyColumn', /^source table "sandbox\.app_xml" has no key column "ID" \(its columns: app_id, xml\); set keyColumn \(--key\)/],
    ['a missing payload column', { payloadColumn: 'doc' }, 'payloadColumn', /has no payload column "doc" \(its columns: app_id, xml\)/],
    ['a bad where', { where: 't.xml IS NOT NULL AND t.size > 100' }, 'where', /^the source condition where \(--where\) "t\.xml IS NOT NULL AND t\.size > 100" is not valid on "sandbox\.app_xml" in mssql:db01:1433\/loans: Invalid column name 'size'\.; fix the SQL condition$/],
  ] as [string, Partial<MssqlSourceOptions>, string, RegExp][])('%s: run() fails with one line naming it, and the sink is never opened', async (_what, names, option, message) => {
    const fake = server();
    const source = mssqlSource({ url: URL, driver: fake.driver, table: 'sandbox.app_xml', ...names });
    const error = await pipeline({ source, sink: mssqlSink({ url: URL, driver: fake.driver }), mapper: PERSON_MAPPER, workers: 1 })
      .run()
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SluiceConfigError);
    expect((error as SluiceConfigError).option).toBe(option);
    expect((error as Error).message).toMatch(message);
    expect(creates(fake.calls)).toEqual([]);
  });

  it('keys and columns compare without case, as the server does; a right source goes on to open the sink', async () => {
    const fake = server().columns({ 'sandbox.app_xml.APP_ID': 'bigint' });
    const source = mssqlSource({ url: URL, driver: fake.driver, table: 'sandbox.app_xml', keyColumn: 'APP_ID', payloadColumn: 'Xml', where: 't.xml IS NOT NULL' });
    await pipeline({ source, sink: mssqlSink({ url: URL, driver: fake.driver }), mapper: PERSON_MAPPER, workers: 1 }).run();
    expect(creates(fake.calls).some((c) => /CREATE TABLE/.test(c.sql!))).toBe(true);
  });
});
