import { describe, expect, it } from 'vitest';
import { postgresSink, postgresSource } from 'sluice';
import { classifyPostgresError } from '../../src/adapters/postgres/postgres-errors.js';

// No server needed: names and classification are computed locally.
describe('PostgreSQL names and errors', () => {
  it('names a database host:port/db, never with its password', async () => {
    const url = 'postgres://etl:s3cr%40t@db.internal:6543/loans';
    const sink = postgresSink({ url, schema: 'app' });
    const source = postgresSource({ url, table: 'staging.app_xml' });
    expect(sink.name).toBe('postgres:db.internal:6543/loans');
    expect(sink.checkpoint).toEqual({ kind: 'postgres', database: 'db.internal:6543/loans', table: 'app.processing_log' });
    expect(source.name).toBe('postgres:db.internal:6543/loans#staging.app_xml');
    expect(JSON.stringify([sink.name, sink.checkpoint, source.name])).not.toMatch(/s3cr/);
    await Promise.all([sink.close(), source.close()]);
  });

  it('classifies by SQLSTATE', () => {
    const e = (code: string) => Object.assign(new Error(code), { code });
    expect(['40001', '40P01', '08006', '57P01', '53300', 'ECONNRESET'].map((c) => classifyPostgresError(e(c)))).toEqual(new Array(6).fill('transient'));
    expect(['23505', '23502', '22001', '22P02'].map((c) => classifyPostgresError(e(c)))).toEqual(new Array(4).fill('record'));
    expect(['42P01', '42501', '42601'].map((c) => classifyPostgresError(e(c)))).toEqual(new Array(3).fill('fatal'));
    expect(classifyPostgresError(new Error('Connection terminated unexpectedly'))).toBe('transient');
  });
});
