import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { query, tempDir } from '../helpers/people.js';
import { orderShape, orderXml } from '../infer/orders.js';

const N = 12;

describe('sluice infer reads every source sluice run reads', () => {
  it('dir: a folder of documents, then run loads them with the inferred mapping', () => {
    const dir = tempDir();
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    for (let i = 1; i <= N; i++) writeFileSync(join(inbox, `order-${i}.xml`), orderXml(i));
    const mapping = join(dir, 'mapping.yaml');
    const infer = sluice(['infer', '--source', `dir:${inbox}`, '--out', mapping]);
    expect(infer.stderr).toBe('');
    expect(infer.code).toBe(0);
    expect(infer.stdout).toContain(`Read ${N} records`);
    const out = join(dir, 'out.db');
    const run = sluice(['run', '--source', `dir:${inbox}`, '--sink', `sqlite:${out}`, '--mapping', mapping, '--workers', '1', '--no-progress', '--no-metrics']);
    expect(run.code).toBe(0);
    const lines = Array.from({ length: N }, (_, i) => orderShape(i + 1).lines).reduce((a, b) => a + b, 0);
    expect(query(out, 'SELECT count(*) AS n FROM line')).toEqual([{ n: lines }]);
    // A file source has no key column name to borrow: the key column is infer's default.
    expect(query(out, 'SELECT count(DISTINCT record_key) AS n FROM order_')).toEqual([{ n: N }]);
  });

  it('xml: one large file cut at --record-element', () => {
    const dir = tempDir();
    const file = join(dir, 'orders.xml');
    // Odd ids: the orders without a namespace prefix.
    writeFileSync(file, `<orders>${Array.from({ length: N }, (_, i) => orderXml(2 * i + 1)).join('\n')}</orders>`);
    const r = sluice(['infer', '--source', `xml:${file}`, '--record-element', 'Order', '--key-attribute', 'id', '--sample', '5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Read 5 records');
    expect(r.stdout).toMatch(/^tables:/m);
  });

  it('refuses a file flag with a database source, as run does', () => {
    const r = sluice(['infer', '--source', 'sqlite:/nonexistent.db', '--recursive']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--recursive applies to --source dir:PATH or xml:FILE');
  });
});
