import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeline, postgresSink, postgresSource, sqliteSource, type Source } from 'sluice';
import { tempDir } from '../helpers/people.js';
import { IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';

const probe = await probePostgres();
const MAPPER = new URL('../fixtures/xml-id-mapper.ts', import.meta.url);
const N = 40;
const doc = (i: number) => `<Person id="${i}"><Name>P${i}</Name></Person>`;

/** A SQLite table `app_xml(app_id TEXT, xml)` with keys loan-1..loan-N. */
function sqliteTextKeys(): Source {
  const file = join(tempDir(), 'text-keys.db');
  const db = new Database(file);
  db.exec('CREATE TABLE app_xml (app_id TEXT PRIMARY KEY, xml TEXT)');
  const ins = db.prepare('INSERT INTO app_xml VALUES (?, ?)');
  for (let i = 1; i <= N; i++) ins.run(`loan-${i}`, doc(i));
  db.close();
  return sqliteSource({ file });
}

describe.skipIf(!probe.ok && !IN_CI)(`a PostgreSQL sink without keyType creates its log with the source's key kind${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  const scratches: PgScratch[] = [];
  beforeAll(() => {
    if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
  });
  afterAll(async () => Promise.all(scratches.map((s) => s.drop())));

  const cases: [string, (s: PgScratch) => Promise<Source>][] = [
    ['a SQLite table with TEXT keys', async () => sqliteTextKeys()],
    [
      'a PostgreSQL table with text keys',
      async (s) => {
        await s.query('CREATE TABLE app_xml (app_id text PRIMARY KEY, xml text)');
        await s.query("INSERT INTO app_xml SELECT 'loan-' || i, '<Person id=\"' || i || '\"><Name>P' || i || '</Name></Person>' FROM generate_series(1, $1::int) i", [N]);
        return postgresSource({ url: PG_URL!, table: `${s.schema}.app_xml` });
      },
    ],
  ];

  it.each(cases)('from %s, every record is logged under its text key', async (_from, makeSource) => {
    const s = await pgScratch('log_key_kind');
    scratches.push(s);
    const source = await makeSource(s);
    const report = await pipeline({ source, sink: postgresSink({ url: PG_URL!, schema: s.schema }), mapper: MAPPER, workers: 1 }).run();

    expect(report.counts).toMatchObject({ succeeded: N, failed: 0 });
    expect(await s.query("SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'processing_log' AND column_name = 'key'", [s.schema])).toEqual([{ data_type: 'text' }]);
    expect(await s.query("SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'succeeded')::int AS ok, min(key) AS first FROM processing_log")).toEqual([{ n: N, ok: N, first: 'loan-1' }]);
    expect(await s.query('SELECT count(*)::int AS n FROM person')).toEqual([{ n: N }]);
  });
});
