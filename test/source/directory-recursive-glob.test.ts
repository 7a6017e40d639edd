import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDirectory } from 'sluice';
import { tempDir } from '../helpers/people.js';

async function keys(dir: string, options: Parameters<typeof fromDirectory>[1]): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const page of fromDirectory(dir, options).pages({ pageSize: 2, partition: {} })) out.push(...page.map((r) => r.key));
  return out;
}

describe('fromDirectory: recursive and glob', () => {
  const dir = tempDir();
  for (const path of ['1.xml', 'main/af.xml', 'main/de.xml', 'main/deep/x.xml', 'annotations/af.xml', 'dtd/ldml.dtd', 'notes.txt']) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), '<a/>');
  }

  it('reads only the top level by default', async () => {
    expect(await keys(dir, {})).toEqual([1]);
  });

  it('recursive: every .xml below, keyed by relative path without extension, in path order (same names in two folders stay apart)', async () => {
    expect(await keys(dir, { recursive: true })).toEqual([1, 'annotations/af', 'main/af', 'main/de', 'main/deep/x']);
  });

  it('a glob picks files by relative path: * within a folder, ** across folders, {a,b} either', async () => {
    expect(await keys(dir, { glob: 'main/*.xml' })).toEqual(['main/af', 'main/de']);
    expect(await keys(dir, { glob: 'main/**/*.xml' })).toEqual(['main/af', 'main/de', 'main/deep/x']);
    expect(await keys(dir, { glob: '{main,annotations}/a?.xml' })).toEqual(['annotations/af', 'main/af']);
    expect(await keys(dir, { glob: '**/*.dtd', key: (p) => p })).toEqual(['dtd/ldml.dtd']);
  });

  it('a broken glob is a configuration error', () => {
    expect(() => fromDirectory(dir, { glob: 'main/{a,b' })).toThrow(/glob "main\/\{a,b" is not a valid pattern: a \{ is not closed/);
  });
});
