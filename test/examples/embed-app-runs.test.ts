import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { query, tempDir } from '../helpers/people.js';

const APP = fileURLToPath(new URL('../../examples/embed/app.ts', import.meta.url));

describe('examples/embed/app.ts', () => {
  it('loads a directory of orders as its README says', () => {
    const dir = tempDir();
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(
      join(inbox, 'A-1001.xml'),
      '<Order date="2026-03-01"><Customer><Name>Ana Lima</Name></Customer><Lines><Line><Sku>X-1</Sku><Qty>2</Qty><Price>9.90</Price></Line></Lines></Order>',
    );
    writeFileSync(join(inbox, 'A-1002.xml'), '<Order date="2026-02-30"><Customer><Name>Bo</Name></Customer></Order>');
    const db = join(dir, 'inbox.db');
    const r = spawnSync(process.execPath, ['--import', 'jiti/register', APP, inbox, db], { encoding: 'utf8', timeout: 60_000, cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('completed: 1 orders');
    expect(r.stdout).toMatch(/1× record A-1002: SluiceConversionError: orders\.ordered_on: cannot convert "2026-02-30" at \/Order\/@date/);
    expect(query(db, 'SELECT * FROM orders')).toEqual([{ order_id: 'A-1001', customer: 'Ana Lima', ordered_on: '2026-03-01' }]);
    expect(query(db, 'SELECT * FROM order_lines')).toEqual([{ order_id: 'A-1001', line_no: 1, sku: 'X-1', quantity: 2, price: '9.90' }]);
  });
});
