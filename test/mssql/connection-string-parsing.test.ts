import { describe, expect, it } from 'vitest';
import { isMssqlConnection, parseMssqlConnection } from '../../src/adapters/mssql/index.js';

describe('SQL Server connection strings and URLs', () => {
  it("reads the origin system's named instance with Windows authentication", () => {
    const c = parseMssqlConnection('Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;Trusted_Connection=yes;Encrypt=yes;TrustServerCertificate=yes');
    expect(c.identity).toBe('localhost\\SQLEXPRESS/XmlConversionDB');
    expect(c.trusted).toBe(true);
    expect(c.config).toEqual({
      server: 'localhost',
      database: 'XmlConversionDB',
      options: { instanceName: 'SQLEXPRESS', encrypt: true, trustServerCertificate: true, trustedConnection: true, useUTC: true },
    });
  });

  it('reads SQL Server authentication, pool sizes, a port and Sluice\'s schema', () => {
    const c = parseMssqlConnection('Data Source=tcp:prod-server,1533;Initial Catalog=XmlConversionDB;User ID=etl;Password=s3cret;Min Pool Size=4;Max Pool Size=20;Connect Timeout=30;Application Name=loader;Schema=sandbox');
    expect(c.identity).toBe('prod-server:1533/XmlConversionDB');
    expect(c.schema).toBe('sandbox');
    expect(c.config).toMatchObject({ server: 'prod-server', port: 1533, user: 'etl', password: 's3cret', connectionTimeout: 30_000, pool: { min: 4, max: 20 }, options: { appName: 'loader' } });
  });

  it('accepts quoted values, any keyword case and spacing, and ignores .NET-only keywords', () => {
    const c = parseMssqlConnection(`server = . ; DATABASE={my;db}; uid=etl; pwd="pa""ss;word"; MultipleActiveResultSets=True; Persist Security Info=False;`);
    expect(c.config).toMatchObject({ server: 'localhost', database: 'my;db', user: 'etl', password: 'pa"ss;word' });
    expect(c.identity).toBe('localhost:1433/my;db');
  });

  it('reads a domain login (NTLM) and a named instance with a port', () => {
    const c = parseMssqlConnection('Server=db01\\LOANS,1450;Database=x;User Id=CORP\\etl;Password=p');
    expect(c.config).toMatchObject({ server: 'db01', port: 1450, domain: 'CORP', user: 'etl', options: { instanceName: 'LOANS' } });
  });

  it('reads mssql:// URLs, with the instance as host\\INSTANCE, %5C or a parameter', () => {
    const u = parseMssqlConnection('mssql://sa:p%40ss@localhost:1433/master?encrypt=true&trustServerCertificate=true&schema=sandbox&poolMax=8');
    expect(u.identity).toBe('localhost:1433/master');
    expect(u.config).toMatchObject({ server: 'localhost', port: 1433, user: 'sa', password: 'p@ss', pool: { max: 8 }, options: { encrypt: true, trustServerCertificate: true } });
    expect(u.schema).toBe('sandbox');
    for (const url of ['mssql://sa:x@localhost\\SQLEXPRESS/XmlConversionDB', 'sqlserver://sa:x@localhost%5CSQLEXPRESS/XmlConversionDB', 'mssql://sa:x@localhost/XmlConversionDB?instanceName=SQLEXPRESS']) {
      expect(parseMssqlConnection(url).identity).toBe('localhost\\SQLEXPRESS/XmlConversionDB');
    }
    expect(parseMssqlConnection('mssql://db01/loans').identity).toBe('db01:1433/loans');
    expect(parseMssqlConnection('mssql://db01').identity).toBe('db01:1433/(default)');
  });

  it('recognises both forms, and nothing else', () => {
    expect(['mssql://h/db', 'SQLSERVER://h/db', 'Server=h;Database=d', 'Data Source=h', 'database=d;server=h'].map(isMssqlConnection)).toEqual([true, true, true, true, true]);
    expect(['postgres://h/db', 'sqlite:x.db', 'oracle://u@h/x'].map(isMssqlConnection)).toEqual([false, false, false]);
  });

  it('names the keyword at fault, never the value', () => {
    expect(() => parseMssqlConnection('Server=h;Databse=x;Password=hunter2')).toThrow(/unknown SQL Server connection string keyword "databse"/);
    expect(() => parseMssqlConnection('Database=x;Password=hunter2')).toThrow(/has no Server/);
    expect(() => parseMssqlConnection('Server=h;Password="hunter2')).toThrow(/the value of password has no closing "/);
    expect(() => parseMssqlConnection('Server=h;Encrypt=maybe')).toThrow(/Encrypt must be yes\/true or no\/false; got "maybe"/);
    expect(() => parseMssqlConnection('Server=h;Max Pool Size=0')).toThrow(/Max Pool Size must be an integer from 1 to 1000/);
    expect(() => parseMssqlConnection('mssql://u:hunter2@h/db?colour=blue')).toThrow(/unknown SQL Server URL parameter "colour"/);
    expect(() => parseMssqlConnection('Server=h;Trusted_Connection=yes;User Id=sa;Password=hunter2')).toThrow(/Trusted_Connection=yes .* and User Id .* conflict/);
    for (const bad of ['Server=h;Databse=x;Password=hunter2', 'Server=h;Password="hunter2', 'mssql://u:hunter2@h/db?colour=blue', 'Server=h;Trusted_Connection=yes;User Id=sa;Password=hunter2']) {
      expect(() => parseMssqlConnection(bad)).toThrow(expect.objectContaining({ name: 'SluiceConfigError', message: expect.not.stringContaining('hunter2') }));
    }
  });
});
