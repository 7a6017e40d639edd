import mssql from 'mssql';
import { describe, expect, it } from 'vitest';
import { classifyMssqlError, SluiceLogConflictError } from '../../src/adapters/mssql/index.js';
import { driverError, serverError } from '../helpers/mssql-errors.js';

describe('SQL Server error classification', () => {
  it('shapes errors as mssql does: number from the server, code from the driver', () => {
    expect(serverError(1205, 'deadlocked')).toMatchObject({ name: 'RequestError', number: 1205, code: 'EREQUEST' });
    expect(driverError('request', 'ETIMEOUT', 'Timeout: Request failed to complete in 15000ms')).toMatchObject({ code: 'ETIMEOUT' });
  });

  it('retries deadlocks, lock timeouts and Azure SQL transient errors', () => {
    const transient = [1205, 1222, 40197, 40501, 40613, 49918, 49919, 49920, 4060, 4221, 10928, 10929, 10053, 10054, 10060, 233, 64];
    for (const n of transient) expect([n, classifyMssqlError(serverError(n, `error ${n}`))]).toEqual([n, 'transient']);
  });

  it('retries timeouts and lost connections', () => {
    expect(classifyMssqlError(driverError('request', 'ETIMEOUT', 'Timeout: Request failed to complete in 15000ms'))).toBe('transient');
    expect(classifyMssqlError(driverError('connection', 'ESOCKET', 'Connection lost - read ECONNRESET'))).toBe('transient');
    expect(classifyMssqlError(driverError('connection', 'ETIMEOUT', 'Failed to connect to db01:1433 in 15000ms'))).toBe('transient');
    expect(classifyMssqlError(new mssql.ConnectionError('Connection is closed.', 'ECONNCLOSED'))).toBe('transient');
    expect(classifyMssqlError(driverError('request', 'ECLOSE', 'Connection closed before request completed.'))).toBe('transient');
    expect(classifyMssqlError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe('transient');
  });

  it('retries an Azure login refused while the database fails over', () => {
    const login = new mssql.ConnectionError(Object.assign(new Error("Database 'loans' on server 'db01' is not currently available. Please retry the connection later."), { code: 'ELOGIN' }));
    expect(classifyMssqlError(login)).toBe('transient');
    expect(classifyMssqlError(new mssql.ConnectionError(Object.assign(new Error("Login failed for user 'etl'."), { code: 'ELOGIN' })))).toBe('fatal');
  });

  it("isolates constraint, truncation and conversion errors as the record's", () => {
    const record = [2627, 2601, 547, 515, 8152, 2628, 245, 8114, 241, 242, 4815, 8115];
    for (const n of record) expect([n, classifyMssqlError(serverError(n, `error ${n}`))]).toEqual([n, 'record']);
    // A value tedious refuses before sending it (a bigint out of range) is the record's too.
    expect(classifyMssqlError(new mssql.RequestError(new TypeError('Value must be between -9223372036854775808 and 9223372036854775807, inclusive.'), 'EREQUEST'))).toBe('record');
  });

  it('stops on a missing table, a permission or a syntax error, and on a bug of its own', () => {
    for (const n of [208, 207, 229, 262, 102, 156]) expect([n, classifyMssqlError(serverError(n, `error ${n}`))]).toEqual([n, 'fatal']);
    expect(classifyMssqlError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe('fatal');
    expect(classifyMssqlError(new Error('something else'))).toBe('fatal');
  });

  it('looks at every error of the batch: a deadlock reported before a generic error is still a deadlock', () => {
    const last = serverError(3621, 'The statement has been terminated.', 0);
    Object.assign(last, { precedingErrors: [serverError(1205, 'Transaction (Process ID 53) was deadlocked')] });
    expect(classifyMssqlError(last)).toBe('transient');
    const dup = serverError(3621, 'The statement has been terminated.', 0);
    Object.assign(dup, { precedingErrors: [serverError(2627, 'Violation of PRIMARY KEY constraint')] });
    expect(classifyMssqlError(dup)).toBe('record');
  });

  it('reads the reason of a transaction the server aborted, and retries one aborted without a reason', () => {
    const aborted = new mssql.TransactionError('Transaction has been aborted.', 'EABORT');
    Object.defineProperty(aborted, 'originalError', { enumerable: true, value: serverError(547, 'The INSERT statement conflicted with the FOREIGN KEY constraint') });
    expect(classifyMssqlError(aborted)).toBe('record');
    expect(classifyMssqlError(new mssql.TransactionError('Transaction has been aborted.', 'EABORT'))).toBe('transient');
  });

  it('retries a batch whose log keys another process committed first', () => {
    expect(classifyMssqlError(new SluiceLogConflictError({ cause: serverError(2627, 'Violation of PRIMARY KEY constraint') }))).toBe('transient');
  });
});
