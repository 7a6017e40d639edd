import { describe, expect, it } from 'vitest';
import { mssqlSink, openMssql } from '../../src/adapters/mssql/index.js';
import { fakeMssql } from '../helpers/mssql-fake.js';
import { SluiceStateError } from '../../src/core/errors.js';

describe('SQL Server pools', () => {
  it('take min/max from the connection string, as the origin system\'s --min-pool-size --max-pool-size', async () => {
    const fake = fakeMssql();
    await mssqlSink({ url: 'Server=prod-server;Database=XmlConversionDB;User Id=etl;Password=x;Min Pool Size=4;Max Pool Size=20', driver: fake.driver }).close();
    expect(fake.configs[0]).toMatchObject({ server: 'prod-server', database: 'XmlConversionDB', pool: { min: 4, max: 20 }, requestTimeout: 300_000, options: { appName: 'sluice', useUTC: true } });
  });

  it('let options override the string, and default to 0..4 for a sink, 0..2 for a source', async () => {
    const fake = fakeMssql();
    openMssql({ url: 'Server=h;Max Pool Size=20', poolMin: 2, poolMax: 8, applicationName: 'etl-night', requestTimeoutMillis: 60_000, driver: fake.driver });
    openMssql({ url: 'mssql://h/db', driver: fake.driver });
    openMssql({ url: 'mssql://h/db', driver: fake.driver }, { poolMax: 2 });
    expect(fake.configs.map((c) => c.pool)).toEqual([{ min: 2, max: 8 }, { min: 0, max: 4 }, { min: 0, max: 2 }]);
    expect(fake.configs[0]).toMatchObject({ requestTimeout: 60_000, options: { appName: 'etl-night' } });
  });

  it('refuse sizes out of range with the option named', () => {
    const { driver } = fakeMssql();
    expect(() => openMssql({ url: 'Server=h', poolMin: 5, poolMax: 4, driver })).toThrow(expect.objectContaining({ name: 'SluiceConfigError', option: 'poolMin', message: 'poolMin must be an integer from 0 to poolMax (4); got 5' }));
    expect(() => openMssql({ url: 'Server=h', poolMax: 0, driver })).toThrow(/poolMax must be an integer from 1 to 1000; got 0/);
    expect(() => openMssql({ driver })).toThrow(/SQL Server needs `url`/);
  });

  it('connect once, and try again after a failed connect', async () => {
    let fail = true;
    const fake = fakeMssql().when('connect', () => {
      if (fail) throw Object.assign(new Error('Failed to connect'), { code: 'ESOCKET' });
    });
    const h = openMssql({ url: 'Server=h', driver: fake.driver });
    await expect(h.connect()).rejects.toThrow('Failed to connect');
    fail = false;
    await Promise.all([h.connect(), h.connect(), h.connect()]);
    expect(fake.trace()).toEqual(['connect#pool', 'connect#pool']);
    await h.close();
    await h.close();
    expect(fake.trace()).toEqual(['connect#pool', 'connect#pool', 'close#pool']);
    await expect(h.connect()).rejects.toThrow(SluiceStateError);
  });

  it('leave a pool passed in open', async () => {
    const fake = fakeMssql();
    const pool = new fake.driver.ConnectionPool({ server: 'h', options: {} });
    const h = openMssql({ pool, identity: 'h:1433/db', driver: fake.driver });
    expect(h.identity).toBe('h:1433/db');
    await h.connect();
    await h.close();
    expect(fake.trace()).toEqual(['connect#pool']);
  });
});
