import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { query, seedPeople } from '../helpers/people.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const tables = (db: string) => query<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((t) => t.name);

/** `sluice run` over 300 records (three tasks a worker) with a mapper whose map is asynchronous. */
function run(mapper: string, ...flags: string[]) {
  const db = seedPeople(300);
  const r = sluice(['run', '--source', `sqlite:${db}`, '--sink', `sqlite:${db}`, '--mapper', mapper, '--workers', '2', '--no-progress', '--no-metrics', ...flags]);
  return { ...r, db, lines: r.stderr.trimEnd().split('\n') };
}

const HINT = 'map must be synchronous and emit every row with ctx.emit before it returns (rows emitted after an await are lost)';

describe('a mapper whose map is asynchronous', () => {
  it('declared async: refused when it loads, exit 2, before any table is created', () => {
    const mapper = fixture('async-mapper.ts');
    const r = run(mapper);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([`sluice: mapper ${mapper}: map is an async function; ${HINT}: remove async/await and .then() from map, and fetch what it needs before the run`]);
    expect(tables(r.db)).toEqual(['app_xml']);
  });

  it('returning a Promise: the run stops once, exit 2, and nothing is logged', () => {
    const mapper = fixture('promise-mapper.ts');
    const r = run(mapper);
    expect(r.code).toBe(2);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(new RegExp(`^sluice: mapper ${mapper}: map returned a Promise \\(record \\d+\\); ${HINT.replace(/[()]/g, '\\$&')}`));
    expect(query(r.db, 'SELECT count(*) AS n FROM processing_log')).toEqual([{ n: 0 }]);
    expect(query(r.db, 'SELECT count(*) AS n FROM item')).toEqual([{ n: 0 }]);
  });
});
