import { afterEach, describe, expect, it } from 'vitest';
import { parseMssqlConnection } from '../../src/adapters/mssql/index.js';

describe('SQL Server password from SQLCMDPASSWORD', () => {
  const saved = process.env.SQLCMDPASSWORD;
  afterEach(() => {
    if (saved === undefined) delete process.env.SQLCMDPASSWORD;
    else process.env.SQLCMDPASSWORD = saved;
  });

  it('a SQL login without a password in the URL takes SQLCMDPASSWORD, not enumerable', () => {
    process.env.SQLCMDPASSWORD = 'from-env';
    const c = parseMssqlConnection('mssql://etl@db:1433/loans');
    expect(c.config.password).toBe('from-env');
    expect(JSON.stringify(c.config)).not.toContain('from-env');
  });

  it('a password in the URL wins, and Windows authentication takes none', () => {
    process.env.SQLCMDPASSWORD = 'from-env';
    expect(parseMssqlConnection('mssql://etl:in-url@db/loans').config.password).toBe('in-url');
    expect(parseMssqlConnection('Server=db;Database=loans;Trusted_Connection=yes').config.password).toBeUndefined();
  });
});
