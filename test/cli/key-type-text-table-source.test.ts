import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { personXml, seedPeople } from '../helpers/people.js';
import { PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';

const MAPPER = fileURLToPath(new URL('../fixtures/xml-id-mapper.ts', import.meta.url));
const probe = await probePostgres();
const flags = ['--mapper', MAPPER, '--no-progress', '--no-metrics'];

describe.skipIf(!probe.ok)('run --key-type text, reading a table (no --queue)', () => {
  let s: PgScratch;
  let url: string;
  beforeAll(async () => {
    s = await pgScratch('key_type_text');
    url = `${PG_URL!}?schema=${s.schema}`;
    await s.query('CREATE TABLE app_xml (app_id text PRIMARY KEY, xml text)');
    await s.query('INSERT INTO app_xml SELECT $1::text || i, $2 || i || $3 FROM generate_series(1, 250) i', ['loan-', '<Person id="', '"><Name>P</Name></Person>']);
  });
  afterAll(async () => s?.drop());

  it('creates processing_log with a text key and logs every record once, exit 0', () => {
    const r = sluice(['run', '--source', url, '--sink', url, '--key-type', 'text', ...flags]);
    expect(r.code, r.stderr).toBe(0);
    return Promise.all([
      expect(s.query("SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'processing_log' AND column_name = 'key'", [s.schema])).resolves.toEqual([{ data_type: 'text' }]),
      expect(s.query("SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'succeeded')::int AS ok, min(key) AS first FROM processing_log")).resolves.toEqual([{ n: 250, ok: 250, first: 'loan-1' }]),
      expect(s.query('SELECT count(*)::int AS n FROM person')).resolves.toEqual([{ n: 250 }]),
    ]);
  });

  it('a second run finds them all done (the resume filter compares text keys)', () => {
    const r = sluice(['run', '--source', url, '--sink', url, '--key-type', 'text', ...flags]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Records read:\s+0\b/);
  });
});

describe('run --key-type where it cannot apply', () => {
  const db = seedPeople(3, (id) => personXml(id));
  it.each([
    ['a SQLite sink', `sqlite:${db}`, 'text', /^sluice: --key-type applies to PostgreSQL and SQL Server sinks; .*: drop --key-type$/],
    ['a type that is neither bigint nor text', 'postgres://loader@127.0.0.1:1/loans', 'uuid', /^sluice: --key-type must be bigint or text; got "uuid"$/],
  ])('%s exits 2 with one line, before connecting', (_what, sink, keyType, message) => {
    const r = sluice(['run', '--source', `sqlite:${db}`, '--sink', sink, '--key-type', keyType, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
  });
});
