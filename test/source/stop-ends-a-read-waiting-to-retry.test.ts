import { describe, expect, it } from 'vitest';
import type { SourceRecord } from 'sluice';
import { mssqlSource } from '../../src/adapters/mssql/index.js';
import { fakeMssql } from '../helpers/mssql-fake.js';
import { driverError } from '../helpers/mssql-errors.js';

describe('a table source read waiting to be retried when reading stops', () => {
  it('stops waiting and ends the pages without an error', { timeout: 10_000 }, async () => {
    const stop = new AbortController();
    let attempts = 0;
    const fake = fakeMssql()
      .columns({ 'dbo.app_xml.app_id': 'bigint:8' })
      .when(/SELECT TOP \(@n\)/, () => {
        attempts++;
        // Reading stops while the retry waits out its (10-minute) backoff.
        setImmediate(() => stop.abort());
        throw driverError('request', 'ETIMEOUT', 'Timeout: Request failed to complete in 15000ms');
      });
    const source = mssqlSource({ url: 'mssql://etl:x@db01/loans', table: 'dbo.app_xml', driver: fake.driver });
    const pages: SourceRecord[][] = [];
    const reading = (async () => {
      for await (const p of source.pages({ pageSize: 10, partition: {}, signal: stop.signal, retry: { maxAttempts: 5, baseDelayMillis: 600_000, maxDelayMillis: 600_000 } })) pages.push(p);
    })();
    await expect(reading).resolves.toBeUndefined();
    expect(pages).toEqual([]);
    expect(attempts).toBe(1);
    await source.close();
  });
});
