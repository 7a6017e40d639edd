import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const doc = (encoding: string, ...body: number[]) => Uint8Array.of(...ascii(`<?xml version="1.0" encoding="${encoding}"?><t a="`), ...body, ...ascii('">'), ...body, ...ascii('</t>'));

describe('byte payloads are decoded as their XML declaration and byte order mark say', () => {
  it.each([
    // "Tartalomjegyzék": é is 0xE9 in windows-1250 (and in ISO-8859-2).
    ['windows-1250', [0x6a, 0x65, 0x67, 0x79, 0x7a, 0xe9, 0x6b], 'jegyzék'],
    ['ISO-8859-2', [0xb1, 0xe6, 0xea], 'ąćę'],
    ['Shift_JIS', [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea], '日本語'],
    ['EUC-JP', [0xc6, 0xfc, 0xcb, 0xdc], '日本'],
    ['koi8-r', [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4], 'Привет'],
    ['GB18030', [0xd6, 0xd0, 0xce, 0xc4], '中文'],
    ['ISO-8859-1', [0x46, 0xfc, 0xdf], 'Füß'],
  ])('%s', (encoding, bytes, text) => {
    const { root } = parseXml(doc(encoding, ...bytes));
    expect(root.text()).toBe(text);
    expect(root.attr('a')).toBe(text);
  });

  it('UTF-16 little- and big-endian with a byte order mark, declared or not', () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><t>Zoë 漢字 😀</t>';
    const le = Buffer.from(`\uFEFF${xml}`, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(le.subarray(0, 2)).toEqual(Buffer.of(0xff, 0xfe));
    expect(be.subarray(0, 2)).toEqual(Buffer.of(0xfe, 0xff));
    expect(parseXml(le).root.text()).toBe('Zoë 漢字 😀');
    expect(parseXml(be).root.text()).toBe('Zoë 漢字 😀');
    expect(parseXml(Buffer.from('\uFEFF<t>ok</t>', 'utf16le')).root.text()).toBe('ok');
  });

  it('UTF-16 without a byte order mark, recognised by "<?xml" in two-byte units and declared', () => {
    const le = Buffer.from('<?xml version="1.0" encoding="UTF-16LE"?><t>ž</t>', 'utf16le');
    const be = Buffer.from('<?xml version="1.0" encoding="UTF-16BE"?><t>ž</t>', 'utf16le').swap16();
    expect(parseXml(le).root.text()).toBe('ž');
    expect(parseXml(be).root.text()).toBe('ž');
  });

  it('UTF-8 by default, with or without a byte order mark', () => {
    const utf8 = Buffer.from('<t>Zoë</t>');
    expect(parseXml(utf8).root.text()).toBe('Zoë');
    expect(parseXml(Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), utf8])).root.text()).toBe('Zoë');
    expect(parseXml(Buffer.from('<?xml version="1.0" encoding="utf-8"?><t>Zoë</t>')).root.text()).toBe('Zoë');
  });

  it('text payloads are characters already: their declared encoding is ignored', () => {
    expect(parseXml('<?xml version="1.0" encoding="Shift_JIS"?><t>日本</t>').root.text()).toBe('日本');
    expect(parseXml('<?xml version="1.0" encoding="no-such-encoding"?><t>x</t>').root.text()).toBe('x');
  });
});
