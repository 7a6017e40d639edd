import { describe, expect, it } from 'vitest';
import { pipeline } from 'sluice';
import { mssqlSource } from '../../src/adapters/mssql/index.js';
import { fakeMssql, type FakeCall } from '../helpers/mssql-fake.js';
import { driverError } from '../helpers/mssql-errors.js';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

const URL = 'mssql://etl:x@db01/loans';
const PAGE_QUERY = /SELECT TOP \(@n\)/;

/** A table of keys 1..n whose first `failures` page queries time out (a transient error). */
function flakyTable(n: number, failures: number) {
  let failed = 0;
  const fake = fakeMssql()
    // The pre-run check lists the table's columns; then the key column's type is looked up.
    .when(/SELECT c\.name FROM sys\.columns/, () => ({ recordset: [{ name: 'app_id' }, { name: 'xml' }] }))
    .columns({ 'dbo.app_xml.app_id': 'bigint:8' })
    .when(PAGE_QUERY, (c: FakeCall) => {
      if (failed < failures) {
        failed++;
        throw driverError('request', 'ETIMEOUT', 'Timeout: Request failed to complete in 15000ms');
      }
      const from = Number(c.inputs!.last?.value ?? 1);
      const keys = Array.from({ length: Math.max(0, Math.min(Number(c.inputs!.n!.value), n - from + 1)) }, (_, i) => from + i);
      const last = c.inputs!.last?.value;
      return { recordset: keys.map((k) => ({ key: String(k), payload: String(k) === last ? null : personXml(k) })) };
    })
    .when(/COUNT_BIG/, () => ({ recordset: [{ n: String(n) }] }));
  /** Attempts at the first page (no @last yet). */
  const firstPageQueries = () => fake.queries().filter((c) => PAGE_QUERY.test(c.sql!) && c.inputs!.last === undefined).length;
  return { fake, firstPageQueries };
}

function load(fake: ReturnType<typeof fakeMssql>, maxAttempts: number, sink = new MemorySink()) {
  return pipeline({
    source: mssqlSource({ url: URL, table: 'dbo.app_xml', driver: fake.driver }),
    sink,
    mapper: PERSON_MAPPER,
    workers: 1,
    taskSize: 50,
    retry: { maxAttempts, baseDelayMillis: 0, maxDelayMillis: 0 },
  }).run();
}

describe("a table source's reads, through a pipeline, are retried as the run's retry options say", () => {
  it('gives up after maxAttempts: 2 on a read that keeps timing out', async () => {
    const { fake, firstPageQueries } = flakyTable(10, 3);
    await expect(load(fake, 2)).rejects.toThrow(/Timeout/);
    expect(firstPageQueries()).toBe(2);
  });

  it('with maxAttempts: 5, the read that failed twice succeeds on its 3rd attempt and every record loads', async () => {
    const { fake, firstPageQueries } = flakyTable(10, 2);
    const sink = new MemorySink();
    const report = await load(fake, 5, sink);
    expect(report.counts.succeeded).toBe(10);
    expect([...sink.log.keys()].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(firstPageQueries()).toBe(3);
  });
});
