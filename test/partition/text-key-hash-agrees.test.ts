import Database from 'better-sqlite3';
import mssql from 'mssql';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { mssqlTextKeyHash } from '../../src/adapters/mssql/mssql-source.js';
import { postgresTextKeyHash } from '../../src/adapters/postgres/postgres-source.js';
import type { SqliteDatabase } from '../../src/adapters/sqlite/sqlite-driver.js';
import { registerKeyHash, SQLITE_KEY_HASH } from '../../src/adapters/sqlite/sqlite-source.js';
import { parseMssqlConnection } from '../../src/adapters/mssql/index.js';
import { textKeyHash } from '../../src/partition/text-key-hash.js';
import { MSSQL_URL, mssqlUnavailable } from '../helpers/mssql.js';
import { IN_CI, PG_URL, probePostgres } from '../helpers/postgres.js';

/**
 * Keys and their hash: the first 4 bytes of SHA-256 over the UTF-8 bytes (the digests of '' and
 * 'a' start e3b0c442 and ca978112, as published). Composed and decomposed é differ, as their bytes do.
 */
const GOLDEN: readonly (readonly [string, number])[] = [
  ['', 3820012610],
  ['a', 3398926610],
  ['INV-2024-001', 2752621574],
  ['é', 1251562878],
  ['e\u0301', 3205658235],
  ['Straße', 1487107980],
  ['東京都', 3463904869],
  ['😀', 4031003188],
  [' padded ', 4240129112],
  ['x'.repeat(300), 223227049],
];
const KEYS = GOLDEN.map(([k]) => k);
const EXPECTED = GOLDEN.map(([, h]) => h);
const probe = await probePostgres();

describe('the text key hash, computed in JavaScript and in each database', () => {
  it('JavaScript: SHA-256 of the UTF-8 bytes, first 4 bytes big-endian', () => {
    expect(KEYS.map(textKeyHash)).toEqual(EXPECTED);
  });

  it('SQLite: the function registered on the connection, over keys stored as TEXT', () => {
    const db = new Database(':memory:');
    registerKeyHash(db as unknown as SqliteDatabase);
    db.exec('CREATE TABLE k (i INTEGER, k TEXT)');
    const ins = db.prepare('INSERT INTO k VALUES (?, ?)');
    KEYS.forEach((k, i) => ins.run(i, k));
    const rows = db.prepare(`SELECT ${SQLITE_KEY_HASH}(k) AS h FROM k ORDER BY i`).all() as { h: number }[];
    expect(rows.map((r) => r.h)).toEqual(EXPECTED);
    db.close();
  });

  it.skipIf(!probe.ok && !IN_CI)('PostgreSQL: sha256 over convert_to(key, UTF8), on text and varchar values', async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const text = await client.query<{ h: string }>(`SELECT ${postgresTextKeyHash('k')} AS h FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i) ORDER BY i`, [KEYS]);
      expect(text.rows.map((r) => Number(r.h))).toEqual(EXPECTED);
      const varchar = await client.query<{ h: string }>(`SELECT ${postgresTextKeyHash('k')} AS h FROM unnest($1::varchar(400)[]) WITH ORDINALITY AS u(k, i) ORDER BY i`, [KEYS]);
      expect(varchar.rows.map((r) => Number(r.h))).toEqual(EXPECTED);
    } finally {
      await client.end();
    }
  });

  it.skipIf(mssqlUnavailable() !== undefined)('SQL Server: HASHBYTES over the key converted to UTF-8, on NVARCHAR and VARCHAR values', async () => {
    const pool = new mssql.ConnectionPool(parseMssqlConnection(MSSQL_URL!).config as mssql.config);
    await pool.connect();
    try {
      for (const type of ['NVARCHAR(400)', 'VARCHAR(400) COLLATE Latin1_General_100_CI_AS_SC_UTF8']) {
        const values = KEYS.map((_, i) => `(${i}, CAST(@k${i} AS ${type}))`).join(', ');
        const request = pool.request();
        KEYS.forEach((k, i) => request.input(`k${i}`, mssql.NVarChar(400), k));
        const r = await request.query<{ h: string | number }>(`SELECT ${mssqlTextKeyHash('v.k')} AS h FROM (VALUES ${values}) AS v(i, k) ORDER BY v.i`);
        expect(r.recordset.map((row) => Number(row.h))).toEqual(EXPECTED);
      }
    } finally {
      await pool.close();
    }
  });
});
