import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { personXml } from './people.js';

/** The server the PostgreSQL tests use (`.ci/run` sets it). */
export const PG_URL = process.env.SLUICE_PG_URL;

/**
 * Whether PostgreSQL tests can run: `{ ok: true }`, or why not. Under CI=true a missing or
 * unreachable server is not a reason to skip: callers fail instead (see `pgDescribeName`).
 */
export async function probePostgres(): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (!PG_URL) return { ok: false, reason: 'SLUICE_PG_URL is not set' };
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `PostgreSQL at SLUICE_PG_URL is unreachable: ${(error as Error).message}` };
  } finally {
    await client.end().catch(() => {});
  }
}

export const IN_CI = process.env.CI === 'true';

/** A schema of its own for one test file, dropped by `drop()`; `pool` has it on its search_path. */
export interface PgScratch {
  readonly schema: string;
  readonly pool: pg.Pool;
  query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** `app_xml(app_id bigint primary key, xml text)` with documents 1..n. */
  seed(n: number, make?: (id: number) => string, table?: string): Promise<void>;
  drop(): Promise<void>;
}

/** Creates a uniquely named schema, so test files running in parallel never share tables. */
export async function pgScratch(prefix: string): Promise<PgScratch> {
  const schema = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path="${schema}"` });
  pool.on('error', () => {});
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<R>(sql, params)).rows;
  return {
    schema,
    pool,
    query,
    async seed(n, make = (id) => personXml(id), table = 'app_xml') {
      await query(`CREATE TABLE "${table}" (app_id bigint PRIMARY KEY, xml text)`);
      for (let from = 1; from <= n; from += 5000) {
        const ids = Array.from({ length: Math.min(5000, n - from + 1) }, (_, i) => from + i);
        await query(`INSERT INTO "${table}" SELECT * FROM unnest($1::bigint[], $2::text[])`, [ids, ids.map(make)]);
      }
    },
    async drop() {
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => {});
      await pool.end();
    },
  };
}

/** Integer count of a query's single `n` column. */
export async function countOf(s: PgScratch, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await s.query<{ n: string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}
