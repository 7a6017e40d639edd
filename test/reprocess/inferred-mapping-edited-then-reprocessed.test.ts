import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { sluice } from '../helpers/cli.js';
import { query, seedPeople, tempDir } from '../helpers/people.js';
import { orderXml } from '../infer/orders.js';

const N = 40;
const TABLES = ['order_', 'line', 'discount', 'tag'];

describe('sluice infer, run, edit the mapping, run --reprocess --stale', () => {
  it('every table infer made (child tables too) equals a fresh load with the edited mapping', () => {
    const db = seedPeople(N, orderXml);
    const dir = tempDir();
    const fresh = join(dir, 'fresh.db');
    copyFileSync(db, fresh);
    const mapping = join(dir, 'mapping.yaml');
    expect(sluice(['infer', '--source', `sqlite:${db}`, '--sample', '20', '--out', mapping]).code).toBe(0);
    const run = (file: string, ...flags: string[]) => sluice(['run', '--source', `sqlite:${file}`, '--sink', `sqlite:${file}`, '--mapping', mapping, '--workers', '1', '--no-progress', '--no-metrics', ...flags]);
    expect(run(db).code).toBe(0);

    // The review after the load: the note is private, so the edited mapping blanks it.
    const spec = parse(readFileSync(mapping, 'utf8')) as { tables: Record<string, { keyColumn?: string; columns: Record<string, Record<string, unknown>> }> };
    expect(Object.keys(spec.tables).sort()).toEqual([...TABLES].sort());
    expect(Object.values(spec.tables).map((t) => t.keyColumn)).toEqual(new Array(TABLES.length).fill('app_id'));
    const { path: _note, ...note } = spec.tables.order_!.columns.note!;
    spec.tables.order_!.columns.note = { ...note, constant: null };
    writeFileSync(mapping, stringify(spec));

    const again = run(db, '--reprocess', '--stale');
    expect(again.code, again.stderr).toBe(0);
    expect(run(fresh).code).toBe(0);
    const rows = (file: string, table: string) => query(file, `SELECT * FROM ${table} ORDER BY ${table === 'order_' ? 'app_id' : '1, 2, 3'}`);
    for (const t of TABLES) expect({ t, rows: rows(db, t) }).toEqual({ t, rows: rows(fresh, t) });
    expect(query(db, 'SELECT count(*) AS n FROM order_ WHERE note IS NOT NULL')).toEqual([{ n: 0 }]);
    expect(query(db, 'SELECT count(*) AS n FROM line')[0]).toEqual({ n: 60 }); // 0 + 1 + 2 + 3 every four orders, none twice
  });
});
