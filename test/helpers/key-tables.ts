import { join } from 'node:path';
import Database from 'better-sqlite3';
import { postgresSink, postgresSource, sqliteSink, sqliteSource, type Sink, type Source } from 'sluice';
import { tempDir } from './people.js';
import { IN_CI, PG_URL, pgScratch, probePostgres } from './postgres.js';

/** `app_xml(app_id, xml)` with no constraint on the key: NULL and repeated keys allowed. */
export interface KeyTable {
  source(): Source;
  sink(): Sink;
  /** processing_log entries per status. */
  logCounts(): Promise<Record<string, number>>;
  /** Rows of a query on the database, numbers as numbers. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** A database kind that can hold such a table, or why it cannot run here. */
export interface KeyTableCase {
  readonly name: string;
  readonly skip: string | undefined;
  create(rows: readonly (readonly [number | null, string])[]): Promise<KeyTable>;
}

const sqlite: KeyTableCase = {
  name: 'sqlite',
  skip: undefined,
  async create(rows) {
    const file = join(tempDir(), 'keys.db');
    const db = new Database(file);
    db.exec('CREATE TABLE app_xml (app_id INTEGER, xml TEXT)');
    const ins = db.prepare('INSERT INTO app_xml VALUES (?, ?)');
    db.transaction(() => rows.forEach((r) => ins.run(...r)))();
    db.close();
    const all = (sql: string) => {
      const d = new Database(file, { readonly: true });
      try {
        return d.prepare(sql).all() as Record<string, unknown>[];
      } finally {
        d.close();
      }
    };
    return {
      source: () => sqliteSource({ file }),
      sink: () => sqliteSink({ file }),
      logCounts: async (): Promise<Record<string, number>> => Object.fromEntries(all('SELECT status, count(*) n FROM processing_log GROUP BY status').map((r) => [String(r.status), Number(r.n)])),
      rows: async (sql) => all(sql),
      close: async () => {},
    };
  },
};

const probe = await probePostgres();

const postgres: KeyTableCase = {
  name: 'postgres',
  skip: probe.ok || IN_CI ? undefined : probe.reason,
  async create(rows) {
    const s = await pgScratch('keys');
    await s.query('CREATE TABLE app_xml (app_id bigint, xml text)');
    await s.query('INSERT INTO app_xml SELECT * FROM unnest($1::bigint[], $2::text[])', [rows.map((r) => r[0]), rows.map((r) => r[1])]);
    const numeric = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]));
    return {
      source: () => postgresSource({ url: PG_URL!, table: `${s.schema}.app_xml` }),
      sink: () => postgresSink({ url: PG_URL!, schema: s.schema }),
      logCounts: async () => Object.fromEntries((await s.query<{ status: string; n: string }>('SELECT status, count(*) n FROM processing_log GROUP BY status')).map((r) => [r.status, Number(r.n)])),
      rows: async (sql) => (await s.query(sql)).map(numeric),
      close: () => s.drop(),
    };
  },
};

/** SQLite always; PostgreSQL when SLUICE_PG_URL reaches a server (required under CI). */
export const KEY_TABLE_CASES: readonly KeyTableCase[] = [sqlite, postgres];
