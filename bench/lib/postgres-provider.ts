import pg from 'pg';
import Database from 'better-sqlite3';
import type { EndpointProvider, InstanceMode } from './context.js';
import { loadPostgresApi } from './endpoints.js';
import type { Endpoint } from './load-job.js';
import type { DocumentShape } from '../../src/demo/index.js';
import { cachedSource, type DocSize } from './seed-cache.js';

const SCHEMA = 'sluice_bench';
const QUEUE = 'bench';

/**
 * PostgreSQL at SLUICE_PG_URL: the generated documents are copied once into
 * `sluice_bench.app_xml_<size>` (from the SQLite cache); each load writes into a schema of its
 * own, dropped after it. Offers the claim queue as a second instance mode.
 */
export async function postgresProvider(
  size: DocSize,
  cacheDir: string,
  log: (m: string) => void,
): Promise<{ ok: true; provider: EndpointProvider } | { ok: false; reason: string }> {
  const url = process.env.SLUICE_PG_URL;
  if (!url) return { ok: false, reason: 'SLUICE_PG_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)' };
  const adapter = await loadPostgresApi();
  if (!adapter.ok) return { ok: false, reason: adapter.reason };
  const api = adapter.api;
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    return { ok: false, reason: `PostgreSQL at SLUICE_PG_URL is unreachable: ${(error as Error).message}` };
  }
  const sourceTable = `${SCHEMA}.app_xml_${size}`;
  const tableOf = (shape: DocumentShape) => (shape === 'elements' ? sourceTable : `${SCHEMA}.app_xml_${shape}_${size}`);
  let seq = 0;

  async function ensureSource(records: number, shape: DocumentShape = 'elements'): Promise<string> {
    const sourceTable = tableOf(shape);
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await pool.query(`CREATE TABLE IF NOT EXISTS ${sourceTable} (app_id bigint PRIMARY KEY, xml text)`);
    const have = Number((await pool.query<{ n: string }>(`SELECT coalesce(max(app_id), 0) AS n FROM ${sourceTable}`)).rows[0]!.n);
    if (have >= records) return sourceTable;
    log(`copying ${size} documents ${have + 1}..${records} into ${sourceTable} (once)...`);
    const db = new Database(cachedSource(cacheDir, size, records, log, shape), { readonly: true });
    try {
      const page = db.prepare('SELECT app_id, xml FROM app_xml WHERE app_id > ? AND app_id <= ? ORDER BY app_id LIMIT 2000').raw(true);
      for (let last = have; last < records; ) {
        const rows = page.all(last, records) as [number, string][];
        if (!rows.length) break;
        await pool.query(`INSERT INTO ${sourceTable} SELECT * FROM unnest($1::bigint[], $2::text[])`, [rows.map((r) => r[0]), rows.map((r) => r[1])]);
        last = rows[rows.length - 1]![0];
      }
    } finally {
      db.close();
    }
    await pool.query(`ANALYZE ${sourceTable}`);
    return sourceTable;
  }

  const claimQueue: InstanceMode = {
    name: 'PostgreSQL claim queue',
    async jobs(count, endpoint, settings, records) {
      if (endpoint.db !== 'postgres') throw new Error('claim queue: not a PostgreSQL endpoint');
      await api.enqueue({ url, schema: endpoint.sinkSchema, table: sourceTable, queue: QUEUE, where: `t.app_id <= ${records}` });
      return Array.from({ length: count }, (_, i) => ({
        kind: 'pipeline' as const,
        label: `queue-${i}-of-${count}`,
        endpoint: { ...endpoint, queue: QUEUE },
        records,
        settings,
      }));
    },
  };

  const provider: EndpointProvider = {
    description: `PostgreSQL (pg, ${new URL(url).host}): source = ${sourceTable}, sink = a fresh schema per load`,
    async endpoint(label, records, shape) {
      const sourceTable = await ensureSource(records, shape);
      const sinkSchema = `${SCHEMA}_${++seq}_${label.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`.slice(0, 60);
      await pool.query(`DROP SCHEMA IF EXISTS "${sinkSchema}" CASCADE`);
      await pool.query(`CREATE SCHEMA "${sinkSchema}"`);
      return { db: 'postgres', url, sinkSchema, sourceTable };
    },
    async cleanup(endpoint: Endpoint) {
      if (endpoint.db === 'postgres') await pool.query(`DROP SCHEMA IF EXISTS "${endpoint.sinkSchema}" CASCADE`);
    },
    async inspectLog(endpoint: Endpoint) {
      if (endpoint.db !== 'postgres') throw new Error('postgresProvider: not a PostgreSQL endpoint');
      const r = await pool.query<{ entries: string; duplicates: string }>(
        `SELECT count(*) AS entries, count(*) - count(DISTINCT "key") AS duplicates FROM "${endpoint.sinkSchema}".processing_log`,
      );
      return { entries: Number(r.rows[0]!.entries), duplicates: Number(r.rows[0]!.duplicates) };
    },
    instanceModes: [claimQueue],
    close: () => pool.end(),
  };
  return { ok: true, provider };
}
