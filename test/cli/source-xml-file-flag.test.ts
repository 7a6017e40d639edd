import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, personXml, query, tempDir } from '../helpers/people.js';

/** One large file: <People> with a <Person> per record, each with an <Ref><Id> child holding 100 + id. */
function bigFile(): string {
  const file = join(tempDir(), 'people.xml');
  const people = [5, 6, 7].map((id) => personXml(id).replace('<Name>', `<Ref><Id>${100 + id}</Id></Ref><Name>`));
  writeFileSync(file, `<?xml version="1.0"?>\n<People>\n${people.join('\n')}\n</People>\n`);
  return file;
}

const load = (...flags: string[]) => {
  const out = join(tempDir(), 'out.db');
  const r = sluice(['run', '--sink', `sqlite:${out}`, '--mapper', PERSON_MAPPER, '--no-progress', '--no-metrics', '--workers', '1', ...flags]);
  return { ...r, out };
};

describe('sluice run --source xml:FILE --record-element NAME', () => {
  it('cuts the file into records, keyed by --key-attribute', () => {
    const r = load('--source', `xml:${bigFile()}`, '--record-element', 'Person', '--key-attribute', 'id');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(query(r.out, 'SELECT id, name FROM person ORDER BY id')).toEqual([
      { id: 5, name: 'Person 5' },
      { id: 6, name: 'Person 6' },
      { id: 7, name: 'Person 7' },
    ]);
  });

  it('--key-path takes the key from a child element', () => {
    const r = load('--source', `xml:${bigFile()}`, '--record-element', 'Person', '--key-path', 'Ref/Id');
    expect(r.code).toBe(0);
    expect(query(r.out, 'SELECT key FROM processing_log ORDER BY key').map((x) => x.key)).toEqual([105, 106, 107]);
  });

  it('without a key flag, records are keyed by position', () => {
    const r = load('--source', `xml:${bigFile()}`, '--record-element', 'Person');
    expect(r.code).toBe(0);
    expect(query(r.out, 'SELECT id FROM person ORDER BY id').map((x) => x.id)).toEqual([1, 2, 3]);
  });

  it('refuses a missing --record-element, both key flags, and dir-only flags', () => {
    const file = bigFile();
    expect(load('--source', `xml:${file}`)).toMatchObject({ code: 2, stderr: expect.stringContaining('needs --record-element NAME') });
    expect(load('--source', `xml:${file}`, '--record-element', 'Person', '--key-attribute', 'id', '--key-path', 'Ref/Id')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('give --key-attribute or --key-path, not both'),
    });
    expect(load('--source', `xml:${file}`, '--record-element', 'Person', '--recursive')).toMatchObject({ code: 2, stderr: expect.stringContaining('--recursive applies to --source dir:PATH') });
  });
});
