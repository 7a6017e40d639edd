import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.js';
import { PERSON_MAPPER } from '../helpers/people.js';

/** Runs the CLI in this process; returns its exit code and output. */
async function sluice(args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  const code = await main(['node', 'sluice', ...args]);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe('sluice init --print for SQL Server', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the T-SQL for a DBA, batches separated by GO, without connecting or needing a driver', async () => {
    // Trusted_Connection would need msnodesqlv8 to connect; --print never does.
    const r = await sluice(['init', '--sink', 'Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;Trusted_Connection=yes;Schema=sandbox', '--mapper', PERSON_MAPPER, '--print']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const batches = r.stdout.trim().split(/;\nGO\n*/).filter(Boolean);
    expect(batches.every((b) => b.startsWith('IF '))).toBe(true);
    expect(batches.map((b) => /CREATE (?:SCHEMA|TABLE|INDEX) [^\s']+/.exec(b)?.[0])).toEqual([
      'CREATE SCHEMA [sandbox]', 'CREATE TABLE [sandbox].[person]', 'CREATE TABLE [sandbox].[phone]', 'CREATE TABLE [sandbox].[processing_log]',
      'CREATE INDEX [processing_log_status_idx]', 'CREATE TABLE [sandbox].[sluice_queue]', 'CREATE INDEX [sluice_queue_pending_idx]',
      'CREATE INDEX [sluice_queue_lease_idx]', 'CREATE INDEX [sluice_queue_owner_idx]',
    ]);
  });

  it('follows --log-table, --key-type text and --no-queue', async () => {
    const r = await sluice(['init', '--sink', 'mssql://sa:pw@localhost:1433/master?trustServerCertificate=true', '--mapper', PERSON_MAPPER, '--print', '--log-table', 'sluice_log', '--key-type', 'text', '--no-queue']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CREATE TABLE [sluice_log] (\n  [key] NVARCHAR(450) NOT NULL PRIMARY KEY,');
    expect(r.stdout).not.toContain('sluice_queue');
  });

  it('names a bad connection string keyword, never the password, and exits 2', async () => {
    const r = await sluice(['init', '--sink', 'Server=h;Databse=x;Password=hunter2', '--mapper', PERSON_MAPPER, '--print']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sluice: unknown SQL Server connection string keyword "databse"/);
    expect(r.stderr).not.toContain('hunter2');
  });
});
