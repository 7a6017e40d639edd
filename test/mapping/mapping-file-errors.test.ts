import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappingFile, SluiceMappingFileError } from 'sluice';
import { tempDir } from '../helpers/people.js';

const GOOD = `tables:
  person:
    from: .
    keyColumn: id
    columns:
      id: { type: integer, value: $key }
      name: { type: text, path: Name }
`;

function load(text: string, name = 'mapping.yaml'): SluiceMappingFileError {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  try {
    loadMappingFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(SluiceMappingFileError);
    const e = error as SluiceMappingFileError;
    expect(e.message.startsWith(`${file}:${e.line}: `)).toBe(true);
    return e;
  }
  throw new Error('expected the mapping to be refused');
}

describe('loadMappingFile errors name the file, the line and the key', () => {
  it.each([
    ['an unknown key', GOOD.replace('path: Name', 'pth: Name'), 7, 'tables.person.columns.name.pth', /unknown key "pth"/],
    ['a wrong type', GOOD.replace('type: text', 'type: txt'), 7, 'tables.person.columns.name.type', /must be one of integer, bigint, number, decimal, text, boolean, date, timestamp/],
    ['a missing from', GOOD.replace('    from: .\n', ''), 2, 'tables.person', /missing "from"/],
    ['a column without a source', GOOD.replace(', path: Name', ''), 7, 'tables.person.columns.name', /give the value a source: path, value/],
    ['two sources', GOOD.replace('path: Name', 'path: Name, constant: x'), 7, 'tables.person.columns.name', /give one source, not path and constant/],
    ['a keyColumn that is not the key', GOOD.replace('keyColumn: id', 'keyColumn: name'), 4, 'tables.person.keyColumn', /"name" must be a column of person with value \$key/],
    ['an invalid path', GOOD.replace('path: Name', 'path: A//B'), 7, 'tables.person.columns.name.path', /invalid XML path "A\/\/B": an empty step/],
    ['a default without a path', GOOD.replace('id: { type: integer, value: $key }', 'id: { type: integer, value: $key, default: 0 }'), 6, 'tables.person.columns.id.default', /"default" goes with a path/],
    ['an empty path', GOOD.replace('path: Name', 'path: ""'), 7, 'tables.person.columns.name.path', /must NOT have fewer than 1 characters/],
    ['a default that is not a scalar', GOOD.replace('path: Name', 'path: Name, default: [a]'), 7, 'tables.person.columns.name.default', /must be/],
    ['a string where a boolean goes', GOOD.replace('path: Name', 'path: Name, emptyAsNull: maybe'), 7, 'tables.person.columns.name.emptyAsNull', /must be true or false/],
    ['a YAML syntax error', GOOD.replace('name: { type', 'name: { type: text\n  bad'), 8, '', /not valid YAML or JSON/],
  ])('%s', (_what, text, line, key, message) => {
    const e = load(text);
    expect([e.line, e.key]).toEqual([line, key]);
    expect(e.message).toMatch(message);
  });

  it('reads JSON too, with its lines', () => {
    const json = JSON.stringify({ tables: { person: { from: '.', columns: { id: { type: 'integer', value: '$key', nullable: 'no' } } } } }, null, 2);
    const e = load(json, 'mapping.json');
    expect([e.line, e.key]).toEqual([9, 'tables.person.columns.id.nullable']);
  });

  it('accepts the good mapping and fills the defaults', () => {
    const file = join(tempDir(), 'mapping.yaml');
    writeFileSync(file, GOOD);
    expect(loadMappingFile(file).tables.person!.columns.name).toEqual({ type: 'text', path: 'Name', nullable: false, emptyAsNull: false });
  });
});
