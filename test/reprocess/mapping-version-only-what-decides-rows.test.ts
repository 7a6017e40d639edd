import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappingFile, mappingVersion, type MappingSpec } from 'sluice';
import { tempDir } from '../helpers/people.js';
import { mappingFile, V1, V2 } from './contacts.js';

const versionOf = (text: string, name = 'mapping.yaml') => mappingVersion({ mapper: loadMappingFile(mappingFile(text, name)) });

describe('mappingVersion', () => {
  it('is the same for the same mapping written otherwise: comments, key order, defaults spelled out, JSON, or as code', () => {
    const v = versionOf(V1);
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(versionOf(`# the first mapping\n${V1}`)).toBe(v);
    expect(versionOf(V1.replace('{ type: integer, value: $key }', '{ value: $key, nullable: false, type: integer }'))).toBe(v);
    expect(versionOf(JSON.stringify(loadMappingFile(mappingFile(V1))), 'mapping.json')).toBe(v);
    // An object as inferMapping() returns it, without the defaults the schema fills in.
    const spec = loadMappingFile(mappingFile(V1));
    const bare = JSON.parse(JSON.stringify(spec, (k, v: unknown) => ((k === 'nullable' || k === 'emptyAsNull') && v === false ? undefined : v))) as MappingSpec;
    expect(JSON.stringify(bare)).not.toContain('nullable');
    expect(mappingVersion({ mapper: bare })).toBe(v);
  });

  it('changes with anything that can change a row', () => {
    const v = versionOf(V1);
    expect(versionOf(V2)).not.toBe(v);
    expect(versionOf(V1.replace('path: Name', 'path: Name, emptyAsNull: true, nullable: true'))).not.toBe(v);
    expect(versionOf(V1.replace('type: text, path: Name', 'type: text, maxLength: 40, path: Name'))).not.toBe(v);
  });

  it("of a mapper module, is its file's hash, and its record stages' too", () => {
    const dir = tempDir();
    const mapper = join(dir, 'mapper.ts');
    const stage = join(dir, 'stage.ts');
    writeFileSync(mapper, 'export default 1;\n');
    writeFileSync(stage, 'export default 2;\n');
    const v = mappingVersion({ mapper });
    expect(mappingVersion({ mapper })).toBe(v);
    expect(mappingVersion({ mapper, recordStages: [stage] })).not.toBe(v);
    writeFileSync(mapper, 'export default 3;\n');
    expect(mappingVersion({ mapper })).not.toBe(v);
  });
});
