import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferMapping, pipeline, sqliteSink, sqliteSource } from 'sluice';
import { query, seedPeople, tempDir } from '../helpers/people.js';
import { orderShape, orderXml } from './orders.js';

const N = 60;
const source = (file: string) => sqliteSource({ file, table: 'app_xml', keyColumn: 'app_id', payloadColumn: 'xml' });

describe('an inferred mapping runs as it is', () => {
  it('loads each repeated element once, in its child table, joined to its parent row', async () => {
    const db = seedPeople(N, orderXml);
    const { mapping } = await inferMapping({ source: source(db), sample: 20, keyColumn: 'app_id', dialect: 'sqlite' });
    expect(Object.keys(mapping.tables)).toEqual(['order_', 'line', 'discount', 'tag']);
    const out = join(tempDir(), 'out.db');
    const report = await pipeline({ source: source(db), sink: sqliteSink({ file: out }), mapper: mapping, workers: 1 }).run();
    expect(report.counts).toMatchObject({ succeeded: N, failed: 0 });

    const shapes = Array.from({ length: N }, (_, i) => orderShape(i + 1));
    const count = (t: string) => query<{ n: number }>(out, `SELECT count(*) AS n FROM ${t}`)[0]!.n;
    expect(count('order_')).toBe(N);
    expect(count('line')).toBe(shapes.reduce((n, s) => n + s.lines, 0));
    expect(count('discount')).toBe(shapes.reduce((n, s) => n + s.discounts.reduce((a, b) => a + b, 0), 0));
    expect(count('tag')).toBe(shapes.reduce((n, s) => n + s.tags, 0));

    // Every discount joins to the line it sits in.
    const joined = query<{ sku: string; code: string; app_id: number }>(
      out,
      'SELECT l.sku, d.code, d.app_id FROM discount d JOIN line l ON l.app_id = d.app_id AND l.position = d.line_position ORDER BY d.app_id, d.position',
    );
    expect(joined).toHaveLength(count('discount'));
    const expected = shapes.flatMap((s, i) => s.discounts.flatMap((d, line) => Array.from({ length: d }, (_, j) => ({ sku: `S-${i + 1}-${line}`, code: `D${j}`, app_id: i + 1 }))));
    expect(joined).toEqual(expected);
  });
});
