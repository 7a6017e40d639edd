import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, query, seedPeople, tempDir } from '../helpers/people.js';

describe('sluice tune', () => {
  it('only reads the source: its file is byte for byte the same, with no processing_log and no target tables', () => {
    const source = seedPeople(20);
    const before = readFileSync(source);
    const r = sluice(['tune', '--source', `sqlite:${source}`, '--mapper', PERSON_MAPPER, '--sample', '20', '--repeats', '1', '--knobs', 'workers', '--out', join(tempDir(), 'tune')]);
    expect(r.code).toBe(0);
    expect(readFileSync(source).equals(before)).toBe(true);
    expect(query(source, "SELECT name FROM sqlite_master WHERE type = 'table'")).toEqual([{ name: 'app_xml' }]);
  }, 120_000); // one process per run: a few seconds each on a busy 2-core machine
});
