import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresSink } from 'sluice';
import { IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';
import { context, personBatch, range } from './commit-batch.js';

const probe = await probePostgres();

// Text an array literal must quote or escape: quotes, backslashes, separators, braces, the word NULL, nothing at all.
const NAMES = ['', 'say "hi"', 'back\\slash', '\\"', 'NULL', 'null', ' spaced ', 'a,b', '{braces}', 'line\nbreak', 'ünïcödé 日本 😀', "it's"];

describe.skipIf(!probe.ok && !IN_CI)(`the PostgreSQL sink writes text as it was mapped${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  beforeAll(async () => {
    if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
    s = await pgScratch('awkward_text');
  });
  afterAll(async () => s?.drop());
  afterEach(() => vi.restoreAllMocks());

  it('stores every awkward string value for value, sending each column as one array literal', async () => {
    const query = vi.spyOn(pg.Client.prototype, 'query');
    const sink = postgresSink({ url: PG_URL!, schema: s.schema });
    await sink.open(context());
    const keys = range(1, NAMES.length);
    await sink.write(personBatch(keys.map((key) => ({ key })), () => [1], (key) => NAMES[key - 1]!));
    await sink.close();
    const rows = await s.query<{ id: number; name: string }>('SELECT id, name FROM person ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(NAMES);
    expect(await s.query('SELECT count(*)::int AS n FROM processing_log WHERE status = $1', ['succeeded'])).toEqual([{ n: NAMES.length }]);
    const insert = query.mock.calls.map(([config]) => config as { text?: string; values?: unknown[] }).find((c) => c.text?.includes('"person"') && c.text.includes('unnest('));
    expect(insert?.values?.map((v) => typeof v === 'string' && v.startsWith('{'))).toEqual([true, true, true]);
  });
});
