import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { query, seedPeople, tempDir } from '../helpers/people.js';
import { orderShape, orderXml } from '../infer/orders.js';

const N = 40;

describe('sluice infer, then sluice run --mapping with the file as it is', () => {
  it('loads every record, each repeated element once in its child table', () => {
    const db = seedPeople(N, orderXml);
    const dir = tempDir();
    const mapping = join(dir, 'mapping.yaml');
    expect(sluice(['infer', '--source', `sqlite:${db}`, '--sample', '20', '--out', mapping]).code).toBe(0);
    const out = join(dir, 'out.db');
    const run = sluice(['run', '--source', `sqlite:${db}`, '--sink', `sqlite:${out}`, '--mapping', mapping, '--workers', '1', '--no-progress', '--no-metrics']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const shapes = Array.from({ length: N }, (_, i) => orderShape(i + 1));
    const count = (t: string) => query<{ n: number }>(out, `SELECT count(*) AS n FROM ${t}`)[0]!.n;
    expect(query(out, "SELECT status, count(*) AS n FROM processing_log GROUP BY status")).toEqual([{ status: 'succeeded', n: N }]);
    expect(count('order_')).toBe(N);
    expect(count('line')).toBe(shapes.reduce((n, s) => n + s.lines, 0));
    expect(count('discount')).toBe(shapes.reduce((n, s) => n + s.discounts.reduce((a, b) => a + b, 0), 0));
    expect(count('tag')).toBe(shapes.reduce((n, s) => n + s.tags, 0));
    // The key column is named after the source's --key, and every discount joins its line.
    expect(query(out, 'SELECT count(*) AS n FROM discount d JOIN line l ON l.app_id = d.app_id AND l.position = d.line_position')).toEqual([{ n: count('discount') }]);
  });
});
