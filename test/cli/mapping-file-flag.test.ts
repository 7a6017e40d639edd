import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { query, seedPeople, tempDir } from '../helpers/people.js';

const MAPPING = `# people, no code
tables:
  person:
    from: .
    keyColumn: id
    columns:
      id: { type: integer, value: $key }
      name: { type: text, path: Name }
      origin: { type: text, constant: crm }
  phone:
    from: Phones/Phone
    primaryKey: [person_id, seq]
    columns:
      person_id: { type: integer, path: ../../@id }
      seq: { type: integer, value: $index }
      number: { type: text, path: ., emptyAsNull: true, nullable: true }
`;

function write(text: string, name: string): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

const run = (db: string, ...flags: string[]) => sluice(['run', '--source', `sqlite:${db}`, '--sink', `sqlite:${db}`, '--no-progress', '--no-metrics', '--workers', '1', ...flags]);

describe('sluice run --mapping FILE', () => {
  it('loads with a YAML mapping and no code', () => {
    const db = seedPeople(3, (id) => `<Person id="${id}"><Name>P${id}</Name><Phones><Phone>${id}1</Phone><Phone> </Phone></Phones></Person>`);
    const r = run(db, '--mapping', write(MAPPING, 'people.yaml'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(query(db, 'SELECT id, name, origin FROM person ORDER BY id')).toEqual([1, 2, 3].map((id) => ({ id, name: `P${id}`, origin: 'crm' })));
    expect(query(db, 'SELECT person_id, seq, number FROM phone WHERE person_id = 2')).toEqual([
      { person_id: 2, seq: 1, number: '21' },
      { person_id: 2, seq: 2, number: null },
    ]);
  });

  it('a wrong mapping file exits 2 naming file, line and key, before any work', () => {
    const db = seedPeople(1);
    const file = write(MAPPING.replace('type: text, path: Name', 'type: text, path: Name, nulable: true'), 'bad.yaml');
    const r = run(db, '--mapping', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`sluice: ${file}:8: tables.person.columns.name.nulable: unknown key "nulable"; see schemas/mapping.schema.json for the keys allowed here\n`);
    expect(query(db, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'processing_log'")).toEqual([{ n: 0 }]);
  });

  it('takes --mapper or --mapping, not both and not neither', () => {
    const db = seedPeople(1);
    expect(run(db)).toMatchObject({ code: 2, stderr: expect.stringContaining('--mapper ./mapper.ts (code) or --mapping ./mapping.yaml') });
    expect(run(db, '--mapping', 'a.yaml', '--mapper', 'm.ts')).toMatchObject({ code: 2, stderr: expect.stringContaining('not both') });
  });
});
