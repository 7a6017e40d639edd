import { join } from 'node:path';
import Database from 'better-sqlite3';
import { enqueue, postgresSink, postgresSource, postgresStatus, sqliteSink, sqliteSource, type QueueStatus, type Sink, type Source } from 'sluice';
import { claimItems as mssqlClaim, extendLeases as mssqlExtend, mssqlEnqueue, mssqlSink, mssqlSource, mssqlStatus, openMssql } from '../../src/adapters/mssql/index.js';
import { claimItems as pgClaim, extendLeases as pgExtend, openPostgres } from '../../src/adapters/postgres/index.js';
import { MSSQL_URL, mssqlScratch, mssqlUnavailable } from '../helpers/mssql.js';
import { personXml, query as sqliteQuery, tempDir } from '../helpers/people.js';
import { IN_CI, pgScratch, probePostgres } from '../helpers/postgres.js';

/** One adapter's source, sink and SQL, on a fresh database of its own. */
export interface AdapterEnv {
  /** `app_xml(app_id, xml)` with documents 1..n. */
  seed(n: number, make?: (id: number) => string): Promise<void>;
  /** A table source on `app_xml(app_id, xml)`, or on the table and columns named. */
  source(options?: SourceNames): Source;
  sink(): Sink;
  /** Rows of a query on the target database; numbers come back as numbers. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** The claim queue `sluice_queue` next to `app_xml`, for adapters that have one. */
  readonly queue?: QueueOps;
  close(): Promise<void>;
}

/** What a table source reads; unqualified table names are in the adapter's scratch database or schema. */
export interface SourceNames {
  readonly where?: string;
  readonly table?: string;
  readonly keyColumn?: string;
  readonly payloadColumn?: string;
}

/** One adapter's claim queue, as the queue contract drives it. */
export interface QueueOps {
  enqueue(o: { queue: string; pageSize?: number; priorityExpression?: string; requeueDead?: boolean }): Promise<{ seen: number; enqueued: number; requeued: number }>;
  claim(queue: string, owner: string, n: number, over?: { leaseMillis?: number; maxAttempts?: number }): Promise<{ key: number; status: string }[]>;
  /** Extends `owner`'s leases to `leaseMillis` from now; returns how many. */
  extend(queue: string, owner: string, leaseMillis: number): Promise<number>;
  /** Makes `owner`'s leases run out now, as if its process had died a while ago. */
  expire(owner: string): Promise<void>;
  status(queue: string): Promise<QueueStatus | undefined>;
}

/** A claim spec as both adapters take it. */
const claimSpec = (table: string, queue: string, owner: string, over: { leaseMillis?: number; maxAttempts?: number } = {}) => ({
  table, queue, owner, leaseMillis: over.leaseMillis ?? 60_000, maxAttempts: over.maxAttempts ?? 2,
});

/** An adapter under test, or the reason it cannot run here. */
export interface AdapterCase {
  readonly name: string;
  /** Undefined when the adapter can run; the describe block is then skipped with this reason, or fails under CI. */
  readonly unavailable?: string;
  /** Skipped under CI too when unavailable: CI has no server for it (SQL Server). */
  readonly optionalInCi?: boolean;
  create(): Promise<AdapterEnv>;
}

const numeric = (rows: Record<string, unknown>[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) && k !== 'name' ? Number(v) : v])));

const sqlite: AdapterCase = {
  name: 'sqlite',
  async create() {
    const file = join(tempDir(), 'contract.db');
    new Database(file).close();
    return {
      async seed(n, make = (id) => personXml(id)) {
        const db = new Database(file);
        db.exec('CREATE TABLE app_xml (app_id INTEGER PRIMARY KEY, xml TEXT)');
        const ins = db.prepare('INSERT INTO app_xml VALUES (?, ?)');
        db.transaction(() => {
          for (let i = 1; i <= n; i++) ins.run(i, make(i));
        })();
        db.close();
      },
      source: (o = {}) => sqliteSource({ file, ...o }),
      sink: () => sqliteSink({ file }),
      rows: async (sql) => sqliteQuery(file, sql),
      close: async () => {},
    };
  },
};

async function postgresCase(): Promise<AdapterCase> {
  const probe = await probePostgres();
  return {
    name: 'postgres',
    ...(!probe.ok && { unavailable: probe.reason }),
    async create() {
      if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
      const s = await pgScratch('contract');
      const url = process.env.SLUICE_PG_URL!;
      const h = openPostgres({ url, poolMax: 2 });
      const table = `${s.schema}.sluice_queue`;
      return {
        seed: (n, make) => s.seed(n, make),
        source: (o = {}) => postgresSource({ url, ...o, table: `${s.schema}.${o.table ?? 'app_xml'}` }),
        sink: () => postgresSink({ url, schema: s.schema }),
        rows: async (sql) => numeric(await s.query(sql)),
        queue: {
          enqueue: (o) => enqueue({ url, schema: s.schema, ...o }),
          claim: async (queue, owner, n, over) => (await pgClaim(h.pool, claimSpec(table, queue, owner, over), n)).map((i) => ({ key: Number(i.key), status: i.status })),
          extend: (queue, owner, leaseMillis) => pgExtend(h.pool, claimSpec(table, queue, owner, { leaseMillis })),
          expire: async (owner) => void (await s.query("UPDATE sluice_queue SET lease_expires_at = now() - interval '1 second' WHERE lease_owner = $1", [owner])),
          status: async (queue) => (await postgresStatus({ url, schema: s.schema, queue })).queues[0],
        },
        close: async () => {
          await h.close();
          await s.drop();
        },
      };
    },
  };
}

/**
 * SQL Server, when SLUICE_MSSQL_URL names one (docs/sqlserver.md). No server can run where CI
 * runs, so unlike PostgreSQL it is skipped, with its reason, even under CI=true.
 */
function mssqlCase(): AdapterCase {
  const reason = mssqlUnavailable();
  return {
    name: 'mssql',
    optionalInCi: true,
    ...(reason && { unavailable: reason }),
    async create() {
      const s = await mssqlScratch('contract');
      const url = MSSQL_URL!;
      const h = openMssql({ url, poolMax: 2 });
      const pool = await h.connect();
      const table = `${s.schema}.sluice_queue`;
      return {
        seed: (n, make) => s.seed(n, make),
        source: (o = {}) => mssqlSource({ url, ...o, table: `${s.schema}.${o.table ?? 'app_xml'}` }),
        sink: () => mssqlSink({ url, schema: s.schema }),
        rows: async (sql) => numeric(await s.query(sql)),
        queue: {
          enqueue: (o) => mssqlEnqueue({ url, schema: s.schema, ...o }),
          claim: async (queue, owner, n, over) =>
            (await mssqlClaim(h.driver, pool, { ...claimSpec(table, queue, owner, over), keyType: 'bigint' }, n)).map((i) => ({ key: Number(i.key), status: i.status })),
          extend: (queue, owner, leaseMillis) => mssqlExtend(h.driver, pool, { ...claimSpec(table, queue, owner, { leaseMillis }), keyType: 'bigint' }),
          expire: async (owner) => void (await s.pool.request().input('owner', owner).query(`UPDATE [${s.schema}].[sluice_queue] SET lease_expires_at = DATEADD(second, -1, SYSUTCDATETIME()) WHERE lease_owner = @owner`)),
          status: async (queue) => (await mssqlStatus({ url, schema: s.schema, queue })).queues[0],
        },
        close: async () => {
          await h.close();
          await s.drop();
        },
      };
    },
  };
}

/** The adapters selected by SLUICE_ADAPTERS (comma-separated), all by default. */
export async function adapterCases(): Promise<AdapterCase[]> {
  const wanted = (process.env.SLUICE_ADAPTERS ?? 'sqlite,postgres,mssql').split(',').map((s) => s.trim());
  const all = [sqlite, await postgresCase(), mssqlCase()];
  return all.filter((c) => wanted.includes(c.name));
}

/** True if an unavailable case is skipped here: always outside CI; under CI only an optional one. */
function skipped(c: AdapterCase): boolean {
  return c.unavailable !== undefined && (!IN_CI || c.optionalInCi === true);
}

/** The describe title: a skipped adapter says why in one line; under CI only optional adapters are skipped. */
export function caseTitle(c: AdapterCase): string {
  return skipped(c) ? `${c.name} (skipped: ${c.unavailable})` : c.name;
}

/** True if the case's tests should be skipped here. */
export function skipCase(c: AdapterCase): boolean {
  return skipped(c);
}
