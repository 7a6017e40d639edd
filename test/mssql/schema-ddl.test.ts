import { describe, expect, it } from 'vitest';
import { column } from 'sluice';
import { mssqlInitStatements, mssqlLogDdl, mssqlQueueDdl, mssqlTableDdl } from '../../src/adapters/mssql/index.js';
import { mssqlType } from '../../src/adapters/mssql/mssql-schema.js';
import { toSchemas } from '../../src/mapper/table.js';
import { PERSON_TABLES } from '../adapters/commit-batch.js';

describe('T-SQL schema of sluice init', () => {
  it("creates a mapper's table with its types, nullability and primary key, only if missing", () => {
    expect(mssqlTableDdl(PERSON_TABLES[0]!, 'sandbox.person')).toEqual([
      "IF SCHEMA_ID(N'sandbox') IS NULL EXEC(N'CREATE SCHEMA [sandbox]')",
      `IF OBJECT_ID(N'[sandbox].[person]', N'U') IS NULL
CREATE TABLE [sandbox].[person] (
  [id] INT NOT NULL,
  [name] NVARCHAR(40) NOT NULL,
  [born] DATE NULL,
  PRIMARY KEY ([id])
)`,
    ]);
  });

  it('maps every column type; text longer than 4000 or unsized is MAX, except in a key or an index', () => {
    const [t] = toSchemas({
      loan: {
        columns: {
          id: column.bigint(), n: column.integer(), rate: column.number({ nullable: true }), amount: column.decimal({ precision: 12, scale: 2 }),
          plain: column.decimal(), code: column.text(), note: column.text({ maxLength: 8000 }), ok: column.boolean(), due: column.date(), at: column.timestamp(),
        },
        primaryKey: ['id', 'code'],
        indexes: [['due', 'ok']],
      },
    });
    const ddl = mssqlTableDdl(t!, 'dbo.loan');
    expect(ddl[1]).toContain(`  [id] BIGINT NOT NULL,
  [n] INT NOT NULL,
  [rate] FLOAT NULL,
  [amount] DECIMAL(12,2) NOT NULL,
  [plain] DECIMAL(18,2) NOT NULL,
  [code] NVARCHAR(450) NOT NULL,
  [note] NVARCHAR(MAX) NOT NULL,
  [ok] BIT NOT NULL,
  [due] DATE NOT NULL,
  [at] DATETIME2(3) NOT NULL,
  PRIMARY KEY ([id], [code])`);
    expect(ddl[2]).toBe(`IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[loan]') AND name = N'loan_due_ok_idx')
CREATE INDEX [loan_due_ok_idx] ON [dbo].[loan] ([due], [ok])`);
    expect(mssqlType({ type: 'text', nullable: false })).toBe('NVARCHAR(MAX)');
  });

  it('creates processing_log with the key type of the source and the resume index', () => {
    const [schema, table, index] = mssqlLogDdl('sandbox.processing_log', 'text');
    expect(schema).toBe("IF SCHEMA_ID(N'sandbox') IS NULL EXEC(N'CREATE SCHEMA [sandbox]')");
    expect(table).toContain('[key] NVARCHAR(450) NOT NULL PRIMARY KEY');
    expect(table).toContain("[status] NVARCHAR(16) NOT NULL CHECK ([status] IN (N'succeeded', N'failed', N'skipped'))");
    for (const col of ['[attempts] INT', '[error] NVARCHAR(MAX)', '[instance_id] INT', '[instance_count] INT', '[run_id] NVARCHAR(100)', '[started_at] DATETIME2(3)', '[finished_at] DATETIME2(3)']) expect(table).toContain(col);
    expect(index).toMatch(/CREATE INDEX \[processing_log_status_idx\] ON \[sandbox\]\.\[processing_log\] \(\[status\], \[instance_id\]\)$/);
    expect(mssqlLogDdl('processing_log')[0]).toMatch(/^IF OBJECT_ID\(N'\[processing_log\]', N'U'\) IS NULL\nCREATE TABLE \[processing_log\] \(\n  \[key\] BIGINT NOT NULL PRIMARY KEY,/);
  });

  it('creates the claim queue with filtered indexes for claims, reclaims and heartbeats', () => {
    const ddl = mssqlQueueDdl('sluice_queue');
    expect(ddl[0]).toContain("[status] NVARCHAR(16) NOT NULL DEFAULT N'pending' CHECK ([status] IN (N'pending', N'claimed', N'done', N'dead'))");
    expect(ddl[0]).toContain('[lease_expires_at] DATETIME2(3) NULL');
    expect(ddl[0]).toContain('PRIMARY KEY ([queue], [key])');
    expect(ddl.slice(1).map((s) => s.split('\n')[1])).toEqual([
      "CREATE INDEX [sluice_queue_pending_idx] ON [sluice_queue] ([queue], [priority] DESC, [key]) WHERE [status] = N'pending'",
      "CREATE INDEX [sluice_queue_lease_idx] ON [sluice_queue] ([queue], [lease_expires_at]) WHERE [status] = N'claimed'",
      "CREATE INDEX [sluice_queue_owner_idx] ON [sluice_queue] ([lease_owner]) WHERE [status] = N'claimed'",
    ]);
  });

  it('puts everything in the schema once, each statement guarded so init can run again', () => {
    const all = mssqlInitStatements({ tables: PERSON_TABLES, schema: 'sandbox', queueTable: 'sluice_queue' });
    expect(all.filter((s) => s.includes('CREATE SCHEMA'))).toHaveLength(1);
    expect(all.every((s) => /^IF (SCHEMA_ID|OBJECT_ID|NOT EXISTS)/.test(s))).toBe(true);
    expect(all.map((s) => /(?:CREATE TABLE|CREATE INDEX \S+ ON) (\S+)/.exec(s)?.[1]).filter(Boolean)).toEqual([
      '[sandbox].[person]', '[sandbox].[phone]', '[sandbox].[processing_log]', '[sandbox].[processing_log]',
      '[sandbox].[sluice_queue]', '[sandbox].[sluice_queue]', '[sandbox].[sluice_queue]', '[sandbox].[sluice_queue]',
    ]);
    // Names already qualified, and names with a ] in them, are kept.
    expect(mssqlInitStatements({ tables: [], schema: 'sandbox', logTable: 'audit.[log]]s]' })[1]).toContain('CREATE TABLE [audit].[log]]s]');
  });
});
