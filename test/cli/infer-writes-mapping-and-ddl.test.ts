import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { MappingSpec } from 'sluice';
import { sluice } from '../helpers/cli.js';
import { seedPeople, tempDir } from '../helpers/people.js';
import { orderXml } from '../infer/orders.js';

describe('sluice infer --source … --out FILE --ddl FILE --dialect D', () => {
  it('writes the mapping as YAML, the adapter’s CREATE TABLEs, and prints what it saw per path', () => {
    const db = seedPeople(30, orderXml);
    const dir = tempDir();
    const r = sluice(['infer', '--source', `sqlite:${db}`, '--sample', '25', '--out', join(dir, 'm.yaml'), '--ddl', join(dir, 'm.sql'), '--dialect', 'sqlite']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^path +present +values seen +mapped to\n/);
    expect(r.stdout).toMatch(/\n\/Order\/Lines\/Line +19\/25 \(76%\) ×3 +table line\n/);
    expect(r.stdout).toMatch(/\n\/Order\/Note +17\/25 \(68%\) +text 17 +column order_\.note text\(50\) null\n/);
    expect(r.stdout).toContain('Read 25 records: 4 tables, ');

    const mapping = parse(readFileSync(join(dir, 'm.yaml'), 'utf8')) as MappingSpec;
    expect(Object.keys(mapping.tables)).toEqual(['order_', 'line', 'discount', 'tag']);
    expect(mapping.tables.line!.keyColumn).toBe('app_id');

    const ddl = readFileSync(join(dir, 'm.sql'), 'utf8');
    expect(ddl.match(/CREATE TABLE IF NOT EXISTS/g)).toHaveLength(4);
    // SQLite's own types, from its adapter: decimals as TEXT, so the scale is kept.
    expect(ddl).toContain('  "price" TEXT NOT NULL,\n');
    const check = new Database(':memory:');
    check.exec(ddl);
    expect(check.prepare("SELECT name FROM pragma_table_info('discount')").pluck().all()).toEqual(['app_id', 'line_position', 'position', 'discount', 'code']);
  });

  it('prints the mapping on standard output without --out, and refuses an unknown dialect', () => {
    const db = seedPeople(3, orderXml);
    const r = sluice(['infer', '--source', `sqlite:${db}`]);
    expect(r.code).toBe(0);
    expect((parse(r.stdout) as MappingSpec).tables.order_!.from).toBe('.');
    expect(r.stderr).toContain('table order_');
    const bad = sluice(['infer', '--source', `sqlite:${db}`, '--dialect', 'oracle']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('sluice: --dialect must be one of sqlite, postgres, mssql; got "oracle"\n');
  });
});
