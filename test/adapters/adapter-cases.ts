import { join } from 'node:path';
import Database from 'better-sqlite3';
import { postgresSink, postgresSource, sqliteSink, sqliteSource, type Sink, type Source } from 'sluice';
import { personXml, query as sqliteQuery, tempDir } from '../helpers/people.js';
import { IN_CI, pgScratch, probePostgres } from '../helpers/postgres.js';

/** One adapter's source, sink and SQL, on a fresh database of its own. */
export interface AdapterEnv {
  /** `app_xml(app_id, xml)` with documents 1..n. */
  seed(n: number, make?: (id: number) => string): Promise<void>;
  source(options?: { where?: string }): Source;
  sink(): Sink;
  /** Rows of a query on the target database; numbers come back as numbers. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** An adapter under test, or the reason it cannot run here. */
export interface AdapterCase {
  readonly name: string;
  /** Undefined when the adapter can run; the describe block is then skipped with this reason, or fails under CI. */
  readonly unavailable?: string;
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
      source: (o = {}) => sqliteSource({ file, ...(o.where && { where: o.where }) }),
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
      return {
        seed: (n, make) => s.seed(n, make),
        source: (o = {}) => postgresSource({ url, table: `${s.schema}.app_xml`, ...(o.where && { where: o.where }) }),
        sink: () => postgresSink({ url, schema: s.schema }),
        rows: async (sql) => numeric(await s.query(sql)),
        close: () => s.drop(),
      };
    },
  };
}

/** The adapters selected by SLUICE_ADAPTERS (comma-separated), all by default. */
export async function adapterCases(): Promise<AdapterCase[]> {
  const wanted = (process.env.SLUICE_ADAPTERS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const all = [sqlite, await postgresCase()];
  return all.filter((c) => wanted.includes(c.name));
}

/** The describe title: a skipped adapter says why in one line; under CI nothing is skipped. */
export function caseTitle(c: AdapterCase): string {
  return c.unavailable && !IN_CI ? `${c.name} (skipped: ${c.unavailable})` : c.name;
}

/** True if the case's tests should be skipped here. */
export function skipCase(c: AdapterCase): boolean {
  return c.unavailable !== undefined && !IN_CI;
}
