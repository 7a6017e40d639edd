import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { personXml, tempDir } from '../helpers/people.js';
import { PG_URL, probePostgres } from '../helpers/postgres.js';

const probe = await probePostgres();

/** Text keys ('p-1', …): the scratch log's key column must take them. */
const MAPPING = `tables:
  person:
    from: .
    primaryKey: [id]
    columns:
      id: { value: $key, type: text, nullable: false }
      name: { path: Name, type: text, nullable: false }
`;

describe.skipIf(!probe.ok)('sluice tune --scratch postgres://', () => {
  it('loads each run into a schema of its own, text keys and all, and drops every one of them', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'people.yaml'), MAPPING);
    const source = join(dir, 'people.db');
    const db = new Database(source);
    db.exec('CREATE TABLE people (id TEXT PRIMARY KEY, xml TEXT)');
    for (let i = 1; i <= 12; i++) db.prepare('INSERT INTO people VALUES (?, ?)').run(`p-${i}`, personXml(i));
    db.close();
    const r = sluice([
      'tune', '--source', `sqlite:${source}`, '--table', 'people', '--key', 'id', '--mapping', join(dir, 'people.yaml'),
      '--sample', '12', '--repeats', '1', '--knobs', 'workers', '--scratch', PG_URL!, '--out', join(dir, 'tune'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'tune', 'tune.json'), 'utf8')) as { scratch: string; knobs: { points: { runs: { succeeded: number }[] }[] }[] };
    for (const p of json.knobs[0]!.points) expect(p.runs[0]!.succeeded).toBe(12);
    const prefix = /sluice_tune_[0-9a-f]{6}/.exec(json.scratch)?.[0];
    expect(prefix).toBeDefined();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const left = await client.query('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${prefix}%`]);
      expect(left.rows).toEqual([]);
    } finally {
      await client.end();
    }
  }, 120_000);
});
