import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, personXml, query, tempDir } from '../helpers/people.js';

/** inbox/1.xml, inbox/2.xml, inbox/2024/3.xml, inbox/2024/deep/4.xml, inbox/notes.txt */
function inbox(): string {
  const dir = join(tempDir(), 'in box');
  mkdirSync(join(dir, '2024', 'deep'), { recursive: true });
  writeFileSync(join(dir, '1.xml'), personXml(1));
  writeFileSync(join(dir, '2.xml'), personXml(2));
  writeFileSync(join(dir, '2024', '3.xml'), personXml(3));
  writeFileSync(join(dir, '2024', 'deep', '4.xml'), personXml(4));
  writeFileSync(join(dir, 'notes.txt'), 'not a record');
  return dir;
}

const load = (source: string, ...flags: string[]) => {
  const out = join(tempDir(), 'out.db');
  const r = sluice(['run', '--source', source, '--sink', `sqlite:${out}`, '--mapper', PERSON_MAPPER, '--no-progress', '--no-metrics', '--workers', '1', ...flags]);
  return { ...r, out };
};

describe('sluice run --source dir:PATH', () => {
  it('loads one record per .xml file of the folder (not its subfolders), keys from file names', () => {
    const r = load(`dir:${inbox()}`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(query(r.out, 'SELECT id FROM person ORDER BY id').map((x) => x.id)).toEqual([1, 2]);
  });

  it('--recursive reads subfolders; the key is the path under the folder', () => {
    const r = load(`dir:${inbox()}`, '--recursive');
    expect(r.code).toBe(0);
    expect(query(r.out, 'SELECT key FROM processing_log ORDER BY key').map((x) => String(x.key))).toEqual(['1', '2', '2024/3', '2024/deep/4']);
  });

  it('--glob picks files by their path under the folder', () => {
    const r = load(`dir:${inbox()}`, '--recursive', '--glob', '2024/**/*.xml');
    expect(r.code).toBe(0);
    expect(query(r.out, 'SELECT key FROM processing_log ORDER BY key').map((x) => String(x.key))).toEqual(['2024/3', '2024/deep/4']);
  });

  it('a missing folder and an xml-only flag are usage errors', () => {
    expect(load('dir:/nope/inbox')).toMatchObject({ code: 2, stderr: expect.stringContaining('source directory not found: /nope/inbox') });
    expect(load(`dir:${inbox()}`, '--record-element', 'Person')).toMatchObject({ code: 2, stderr: expect.stringContaining('--record-element applies to --source xml:FILE') });
  });
});
