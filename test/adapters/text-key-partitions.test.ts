import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { modulo, pipeline, postgresSink, postgresSource, sqliteSink, sqliteSource, type Sink, type Source } from 'sluice';
import { textKeyHash } from '../../src/partition/text-key-hash.js';
import { personXml, tempDir } from '../helpers/people.js';
import { IN_CI, PG_URL, pgScratch, probePostgres } from '../helpers/postgres.js';

const MAPPER = new URL('../fixtures/xml-id-mapper.ts', import.meta.url).pathname;
const N = 3;
/** Text keys, non-ASCII and the empty string among them; record i carries person id i. */
const KEYS = ['', 'é', 'e\u0301', '東京都', '😀', ...Array.from({ length: 295 }, (_, i) => (i % 2 ? `INV-${i}` : `Straße-${i}`))];

interface Env {
  source(): Source;
  sink(): Sink;
  /** processing_log as (key, instance_id) rows. */
  log(): Promise<{ key: string; instance_id: number }[]>;
  people(): Promise<number>;
  close(): Promise<void>;
}

async function sqliteEnv(): Promise<Env> {
  const file = join(tempDir(), 'text-keys.db');
  const db = new Database(file);
  db.exec('CREATE TABLE app_xml (app_code TEXT PRIMARY KEY, xml TEXT)');
  const ins = db.prepare('INSERT INTO app_xml VALUES (?, ?)');
  KEYS.forEach((k, i) => ins.run(k, personXml(i)));
  db.close();
  const all = <T>(sql: string) => {
    const d = new Database(file, { readonly: true });
    try {
      return d.prepare(sql).all() as T[];
    } finally {
      d.close();
    }
  };
  return {
    source: () => sqliteSource({ file, keyColumn: 'app_code' }),
    sink: () => sqliteSink({ file }),
    log: async () => all('SELECT key, instance_id FROM processing_log'),
    people: async () => all<{ n: number }>('SELECT count(*) AS n FROM person')[0]!.n,
    close: async () => {},
  };
}

async function postgresEnv(): Promise<Env> {
  const s = await pgScratch('text_keys');
  await s.query('CREATE TABLE app_xml (app_code varchar(40) PRIMARY KEY, xml text)');
  await s.query('INSERT INTO app_xml SELECT * FROM unnest($1::text[], $2::text[])', [KEYS, KEYS.map((_, i) => personXml(i))]);
  return {
    source: () => postgresSource({ url: PG_URL!, table: `${s.schema}.app_xml`, keyColumn: 'app_code' }),
    sink: () => postgresSink({ url: PG_URL!, schema: s.schema, keyType: 'text' }),
    log: async () => s.query('SELECT key, instance_id FROM processing_log'),
    people: async () => Number((await s.query<{ n: string }>('SELECT count(*) AS n FROM person'))[0]!.n),
    close: () => s.drop(),
  };
}

const probe = await probePostgres();
const cases = [
  { name: 'sqlite', skip: false, create: sqliteEnv },
  { name: 'postgres', skip: !probe.ok && !IN_CI, create: postgresEnv },
];

for (const c of cases) {
  describe.skipIf(c.skip)(`${c.name}: modulo partitions over a text key`, () => {
    let env: Env | undefined;
    afterEach(async () => env?.close());

    it(`runs 0..${N - 1} each load their own keys (textKeyHash % ${N}, as JavaScript computes it) and together every record once`, async () => {
      env = await c.create();
      for (let i = 0; i < N; i++) {
        const report = await pipeline({ source: env.source(), sink: env.sink(), mapper: MAPPER, partition: modulo(i, N), workers: 1 }).run();
        expect(report.status).toEqual({ state: 'completed' });
        expect(report.counts.failed).toBe(0);
        expect(report.counts.read).toBe(KEYS.filter((k) => textKeyHash(k) % N === i).length);
      }
      const log = await env.log();
      expect(log.map((r) => r.key).sort()).toEqual([...KEYS].sort());
      expect(log.filter((r) => Number(r.instance_id) !== textKeyHash(r.key) % N)).toEqual([]);
      expect(await env.people()).toBe(KEYS.length);
    });
  });
}
