import mssql from 'mssql';
import { describe, expect, it } from 'vitest';
import { column } from 'sluice';
import { buildBulkTable } from '../../src/adapters/mssql/mssql-bulk.js';
import { toSchemas } from '../../src/mapper/table.js';

const [LOAN] = toSchemas({
  loan: {
    columns: {
      id: column.bigint(),
      seq: column.integer(),
      rate: column.number({ nullable: true }),
      amount: column.decimal({ precision: 12, scale: 2 }),
      code: column.text(),
      name: column.text({ maxLength: 40 }),
      note: column.text({ nullable: true }),
      ok: column.boolean(),
      due: column.date({ nullable: true }),
      at: column.timestamp(),
    },
    primaryKey: ['id', 'code'],
  },
});

// Row-major values as the workers produce them (convertCell's wire form).
const values = [
  1, 1, 4.25, '1234.56', 'A-1', 'Ann', null, 1, '1980-01-02', '2024-03-01T12:34:56.789Z',
  '9007199254740993', 2, null, 0.5, 'B-2', 'Bob', 'long text', 0, null, '1999-12-31T23:59:59.000Z',
  3, 3, -1, '-7.00', 'C-3', 'Cy', '', 1, '2000-02-29', '2000-01-01T00:00:00.000Z',
];

describe('the mssql.Table handed to bulk', () => {
  const table = buildBulkTable(mssql as never, LOAN!, 'sandbox.loan', [[values, 0, 2], [values, 2, 3]]) as unknown as mssql.Table;

  it('names the schema-qualified target', () => {
    expect(table.path).toBe('[sandbox].[loan]');
    expect([table.schema, table.name]).toEqual(['sandbox', 'loan']);
  });

  it("declares the mapper's columns with their SQL Server types, lengths, precision, scale and nullability", () => {
    const cols = (table.columns as unknown as Record<string, unknown>[]).map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, length: c.length, precision: c.precision, scale: c.scale }));
    expect(cols).toEqual([
      { name: 'id', type: mssql.BigInt, nullable: false, length: undefined, precision: undefined, scale: undefined },
      { name: 'seq', type: mssql.Int, nullable: false, length: undefined, precision: undefined, scale: undefined },
      { name: 'rate', type: mssql.Float, nullable: true, length: undefined, precision: undefined, scale: undefined },
      { name: 'amount', type: mssql.Decimal, nullable: false, length: undefined, precision: 12, scale: 2 },
      // A key column cannot be NVARCHAR(MAX): unsized text in a key is NVARCHAR(450), as in the DDL.
      { name: 'code', type: mssql.NVarChar, nullable: false, length: 450, precision: undefined, scale: undefined },
      { name: 'name', type: mssql.NVarChar, nullable: false, length: 40, precision: undefined, scale: undefined },
      // Unsized text is sent as MAX: tedious would otherwise send NVARCHAR(4000), which the server refuses for a MAX column.
      { name: 'note', type: mssql.NVarChar, nullable: true, length: mssql.MAX, precision: undefined, scale: undefined },
      { name: 'ok', type: mssql.Bit, nullable: false, length: undefined, precision: undefined, scale: undefined },
      { name: 'due', type: mssql.Date, nullable: true, length: undefined, precision: undefined, scale: undefined },
      { name: 'at', type: mssql.DateTime2, nullable: false, length: undefined, precision: undefined, scale: 3 },
    ]);
  });

  it('holds the rows of the ranges, with booleans, dates and timestamps as tedious writes them', () => {
    expect(table.rows).toEqual([
      [1, 1, 4.25, '1234.56', 'A-1', 'Ann', null, true, new Date(Date.UTC(1980, 0, 2)), new Date('2024-03-01T12:34:56.789Z')],
      ['9007199254740993', 2, null, 0.5, 'B-2', 'Bob', 'long text', false, null, new Date('1999-12-31T23:59:59.000Z')],
      [3, 3, -1, '-7.00', 'C-3', 'Cy', '', true, new Date(Date.UTC(2000, 1, 29)), new Date('2000-01-01T00:00:00.000Z')],
    ]);
  });

  it('is a table the real driver accepts for a bulk load (its own preparation passes)', () => {
    // Request#bulk calls Table#_makeBulk before sending; it rejects dates it cannot read.
    expect(() => (table as unknown as { _makeBulk(): unknown })._makeBulk()).not.toThrow();
    expect((table as unknown as { declare(): string }).declare()).toBe(
      'create table [sandbox].[loan] ([id] bigint not null, [seq] int not null, [rate] float null, [amount] decimal (12, 2) not null, [code] nvarchar (450) not null, ' +
        '[name] nvarchar (40) not null, [note] nvarchar (MAX) null, [ok] bit not null, [due] date null, [at] datetime2 (3) not null)',
    );
  });
});
