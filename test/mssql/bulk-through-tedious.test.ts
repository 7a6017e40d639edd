import mssql from 'mssql';
import { describe, expect, it } from 'vitest';
import { column } from 'sluice';
import { classifyMssqlError } from '../../src/adapters/mssql/index.js';
import { buildBulkTable } from '../../src/adapters/mssql/mssql-bulk.js';
import { DEFAULT_BULK_OPTIONS } from '../../src/adapters/mssql/mssql-sink.js';
import { toSchemas } from '../../src/mapper/table.js';
import { bulkThroughTedious } from '../helpers/tedious-bulk.js';

const [T] = toSchemas({
  loan: {
    columns: {
      id: column.bigint(), amount: column.decimal({ precision: 12, scale: 2 }), code: column.text(), name: column.text({ maxLength: 40 }),
      note: column.text({ nullable: true }), ok: column.boolean(), due: column.date({ nullable: true }), at: column.timestamp(),
    },
    primaryKey: ['id', 'code'],
  },
});
const table = (values: unknown[]) => buildBulkTable(mssql as never, T!, 'sandbox.loan', [[values, 0, values.length / 8]]) as unknown as mssql.Table;

describe('a bulk load through the real mssql and tedious code', () => {
  it('sends the column definitions of the table and INSERT-like checks', async () => {
    const r = await bulkThroughTedious(table([1, '12.50', 'A', 'Ann', null, 1, '1980-01-02', '2024-03-01T12:34:56.789Z']), DEFAULT_BULK_OPTIONS);
    expect(r.sql).toBe(
      'insert bulk [sandbox].[loan]([id] bigint, [amount] decimal(12, 2), [code] nvarchar(450), [name] nvarchar(40), [note] nvarchar(max), [ok] bit, [due] date, [at] datetime2(3)) ' +
        'WITH (CHECK_CONSTRAINTS,KEEP_NULLS)',
    );
    expect(r.rowsAffected).toBe(1);
    expect(r.bytes).toBeGreaterThan(0);
  });

  it('passes a table lock to tedious under the name tedious reads', async () => {
    expect((await bulkThroughTedious(table([1, '1', 'A', 'A', null, 0, null, '2024-01-01T00:00:00.000Z']), { ...DEFAULT_BULK_OPTIONS, lockTable: true })).sql).toMatch(/WITH \(CHECK_CONSTRAINTS,KEEP_NULLS,TABLOCK\)$/);
    // @types/mssql calls it tableLock: tedious ignores that name.
    expect((await bulkThroughTedious(table([1, '1', 'A', 'A', null, 0, null, '2024-01-01T00:00:00.000Z']), { tableLock: true })).sql).not.toMatch(/TABLOCK/);
  });

  it('serialises every wire value the mappers produce', async () => {
    const rows = [
      '9223372036854775807', '-9999999999.99', 'B', 'Bob', 'x'.repeat(10_000), 0, null, '1999-12-31T23:59:59.999Z',
      -5, 0, '', '', '', 1, '2000-02-29', '1970-01-01T00:00:00.000Z',
    ];
    const r = await bulkThroughTedious(table(rows), DEFAULT_BULK_OPTIONS);
    expect(r.rowsAffected).toBe(2);
    expect(r.bytes).toBeGreaterThan(20_000); // the 10,000-character note went in as NVARCHAR(MAX)
  });

  it("fails a value tedious cannot send as the record's error", async () => {
    const error = await bulkThroughTedious(table(['9223372036854775808', '1', 'A', 'A', null, 0, null, '2024-01-01T00:00:00.000Z']), DEFAULT_BULK_OPTIONS).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'RequestError', code: 'EREQUEST', message: expect.stringMatching(/^Value must be between -9223372036854775808 and 9223372036854775807/) });
    expect(classifyMssqlError(error)).toBe('record');
  });
});
