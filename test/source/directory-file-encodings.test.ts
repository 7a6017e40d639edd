import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDirectory, pipeline } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, tempDir } from '../helpers/people.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const person = (encoding: string, name: Buffer) =>
  Buffer.concat([latin1(`<?xml version="1.0" encoding="${encoding}"?><Person><Name>`), name, latin1('</Name></Person>')]);

describe('fromDirectory hands files over as bytes, decoded by their own declaration', () => {
  it('stores each file text right, and fails alone, named, a file whose encoding cannot be trusted', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '1.xml'), person('windows-1250', Buffer.of(0x54, 0x61, 0x72, 0x74, 0x61, 0x6c, 0x6f, 0x6d, 0x6a, 0x65, 0x67, 0x79, 0x7a, 0xe9, 0x6b))); // Tartalomjegyzék
    writeFileSync(join(dir, '2.xml'), person('Shift_JIS', Buffer.of(0x93, 0xfa, 0x96, 0x7b))); // 日本
    writeFileSync(join(dir, '3.xml'), person('koi8-r', Buffer.of(0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4))); // Привет
    writeFileSync(join(dir, '4.xml'), Buffer.from('\uFEFF<Person><Name>Zoë</Name></Person>', 'utf16le'));
    writeFileSync(join(dir, '5.xml'), person('x-unheard-of', latin1('x')));
    writeFileSync(join(dir, '6.xml'), person('UTF-8', Buffer.of(0xe9)));

    const sink = new MemorySink();
    const report = await pipeline({ source: fromDirectory(dir), sink, mapper: PERSON_MAPPER, workers: 1 }).run();

    expect(report.counts).toMatchObject({ read: 6, succeeded: 4, failed: 2 });
    expect(sink.rows.get('person')!.map((r) => r[1])).toEqual(['Tartalomjegyzék', '日本', 'Привет', 'Zoë']);
    expect(sink.log.get(5)!.error).toMatch(/^record 5: XmlEncodingError: the XML declaration names encoding "x-unheard-of"/);
    expect(sink.log.get(6)!.error).toMatch(/^record 6: XmlEncodingError: the document's bytes are not valid UTF-8, as its XML declaration says/);
  });
});
