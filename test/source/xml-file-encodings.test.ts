import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromXmlFile } from 'sluice';
import { tempDir } from '../helpers/people.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

async function payloads(file: string, chunkBytes: number): Promise<(string | Uint8Array)[]> {
  const out: (string | Uint8Array)[] = [];
  for await (const page of fromXmlFile(file, { element: 'w', chunkBytes }).pages({ pageSize: 10, partition: {} })) out.push(...page.map((r) => r.payload));
  return out;
}

describe('fromXmlFile decodes the file as its byte order mark and XML declaration say', () => {
  const dir = tempDir();

  it('koi8-r, whatever the chunk boundaries (multi-byte or not)', async () => {
    const file = join(dir, 'koi8.xml');
    // "Привет" and "мир" in KOI8-R.
    writeFileSync(file, Buffer.concat([latin1('<?xml version="1.0" encoding="KOI8-R"?>\n<r><w>'), Buffer.of(0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4), latin1('</w><w>'), Buffer.of(0xcd, 0xc9, 0xd2), latin1('</w></r>')]));
    for (const chunk of [1, 3, 7, 64, 1 << 20]) expect(await payloads(file, chunk), `chunk ${chunk}`).toEqual(['<w>Привет</w>', '<w>мир</w>']);
  });

  it('Shift_JIS, with two-byte characters cut by every chunk boundary', async () => {
    const file = join(dir, 'sjis.xml');
    writeFileSync(file, Buffer.concat([latin1('<?xml version="1.0" encoding="Shift_JIS"?><r><w>'), Buffer.of(0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea), latin1('</w></r>')]));
    for (let chunk = 1; chunk <= 70; chunk++) expect(await payloads(file, chunk), `chunk ${chunk}`).toEqual(['<w>日本語</w>']);
  });

  it('UTF-16LE with a byte order mark', async () => {
    const file = join(dir, 'utf16.xml');
    writeFileSync(file, Buffer.from('\uFEFF<?xml version="1.0" encoding="UTF-16"?><r><w>Zoë 😀</w></r>', 'utf16le'));
    for (const chunk of [1, 5, 1 << 20]) expect(await payloads(file, chunk)).toEqual(['<w>Zoë 😀</w>']);
  });

  it('refuses bytes the declared encoding does not allow, naming the file and the encoding', async () => {
    const file = join(dir, 'bad.xml');
    writeFileSync(file, Buffer.concat([latin1('<?xml version="1.0"?><r><w>'), Buffer.of(0xe9), latin1('</w></r>')]));
    await expect(payloads(file, 1 << 20)).rejects.toThrow(/bad\.xml: the bytes from offset 0 on are not valid utf-8/);
    const unknown = join(dir, 'unknown.xml');
    writeFileSync(unknown, '<?xml version="1.0" encoding="x-martian"?><r/>');
    await expect(payloads(unknown, 8)).rejects.toMatchObject({ name: 'XmlEncodingError', encoding: 'x-martian' });
  });
});
