import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { MappingSpec } from 'sluice';
import { sluice } from '../helpers/cli.js';
import { tempDir } from '../helpers/people.js';

const XSD = fileURLToPath(new URL('../fixtures/xsd/order.xsd', import.meta.url));

describe('sluice infer --xsd FILE', () => {
  it('writes the mapping from the schema and prints the declared occurrences, types and what it could not map', () => {
    const out = join(tempDir(), 'm.yaml');
    const r = sluice(['infer', '--xsd', XSD, '--out', out, '--key-column', 'order_key']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^path +occurs +type +mapped to\n/);
    expect(r.stdout).toMatch(/\n\/Order\/Lines\/Line +1\.\.\* +o:LineType +table line\n/);
    expect(r.stdout).toMatch(/\n\/Order\/Email +0\.\.1 +xs:string +column order_\.email text null\n/);
    expect(r.stdout).toContain('\n  ! xs:any: elements it allows are not mapped\n');
    expect(r.stdout).toContain('4 tables, 20 columns; 2 things it could not map or had to assume (marked !): review them.');
    const mapping = parse(readFileSync(out, 'utf8')) as MappingSpec;
    expect(mapping.tables.line!.keyColumn).toBe('order_key');
  });

  it('wants --source or --xsd, not both', () => {
    expect(sluice(['infer', '--xsd', XSD, '--source', 'sqlite:x.db']).stderr).toBe('sluice: give --source (sample records) or --xsd FILE (a schema), one of them\n');
    expect(sluice(['infer']).code).toBe(2);
  });
});
