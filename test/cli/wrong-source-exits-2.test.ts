import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, query, seedPeople, tempDir } from '../helpers/people.js';

const seeded = seedPeople(5);

describe('run with a wrong source table, column or --where', () => {
  it.each([
    ['a missing table', ['--table', 'app_xmll'], /^sluice: source table "app_xmll" does not exist in sqlite:.*people\.db \(tables there: app_xml\); set table \(--table\)/],
    ['a missing key column', ['--key', 'id'], /^sluice: source table "app_xml" has no key column "id" \(its columns: app_id, xml\); set keyColumn \(--key\)/],
    ['a missing payload column', ['--payload', 'doc'], /^sluice: source table "app_xml" has no payload column "doc" \(its columns: app_id, xml\); set payloadColumn \(--payload\)/],
    ['a bad --where', ['--where', 'lenght(xml) > 10'], /^sluice: the source condition where \(--where\) "lenght\(xml\) > 10" is not valid on "app_xml" in sqlite:.*: no such function: lenght; fix the SQL condition$/],
  ])('%s exits 2 with one line, and creates no table in the sink', (_what, flags, message) => {
    const db = join(tempDir(), 'people.db');
    copyFileSync(seeded, db);
    const r = sluice(['run', '--source', `sqlite:${db}`, '--sink', `sqlite:${db}`, '--mapper', PERSON_MAPPER, '--no-progress', '--no-metrics', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(query<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((t) => t.name)).toEqual(['app_xml']);
  });
});
