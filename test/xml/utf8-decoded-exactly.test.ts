import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { decodePayload, latin1Range } from '../../src/xml/decode-payload.js';
import { XmlEncodingError } from '../../src/xml/xml-errors.js';

// UTF-8 documents whose characters all lie below U+0100 take a faster path than Node's UTF-8
// decoder (runs of ASCII and the two-byte characters between them); whatever path a document
// takes, its text is exactly what a fatal UTF-8 TextDecoder gives.

const utf8 = (s: string) => new TextEncoder().encode(s);
const fatal = new TextDecoder('utf-8', { fatal: true });

describe('UTF-8 payloads decode to exactly the text a fatal TextDecoder gives', () => {
  it.each([
    ['ASCII only', '<a>plain</a>'],
    ['empty', ''],
    ['a Latin-1 character first and last', 'é<a x="ü">Zürich</a>ÿ'],
    ['adjacent two-byte characters', '<a>ééé ÀÁÂ</a>'],
    ['the range ends, U+0080 and U+00FF', '<a>\u0080\u00ff\u00c0\u00bf</a>'],
    ['a three-byte character among Latin-1 ones', '<a>café – naïve</a>'],
    ['a three-byte character before any Latin-1 one', '<a>— then é</a>'],
    ['a four-byte character', '<a>é 😀 é</a>'],
    ['CJK only', '<a>北京华联</a>'],
    ['more two-byte characters than the fast path takes', `<a>${'é'.repeat(500)}</a>`],
    ['a long document with a few', `<a>${'x'.repeat(20_000)}é${'y'.repeat(20_000)}ß</a>`],
    // Starts that look like part of a byte order mark (EF BB BF) and are not one.
    ['a first character ending in 0xBF (C2 BF) after one byte', 'x¿<a/>'],
    ['a first character encoded E1 BB BF', '\u1eff<a/>'],
    ['a first character encoded EF 80 BF', '\uf03f<a/>'],
    ['a first character encoded EF BB BE', '\ufefe<a/>'],
  ])('%s', (_, text) => {
    const bytes = utf8(text);
    expect(decodePayload(bytes)).toBe(fatal.decode(bytes));
    expect(decodePayload(bytes)).toBe(text);
  });

  it('drops a byte order mark before Latin-1 text', () => {
    expect(decodePayload(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8('<a>é</a>')))).toBe('<a>é</a>');
  });

  it('holds for random mixes of ASCII, Latin-1 and wider characters', () => {
    const alphabet = ['a', '<', ' ', '\n', 'é', 'ß', '\u0080', '\u00ff', 'Ā', '–', '北', '😀'];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 2000; i++) {
      const length = next() % 300;
      // Mostly ASCII, as documents are; a tenth of the cases only ASCII and Latin-1.
      const wide = i % 10 !== 0;
      let text = '';
      for (let c = 0; c < length; c++) {
        const r = next() % 100;
        text += r < 85 ? alphabet[r % 4]! : alphabet[4 + (r % (wide ? 8 : 4))]!;
      }
      const bytes = utf8(text);
      expect(decodePayload(bytes)).toBe(text);
    }
  });
});

describe('invalid UTF-8 is refused whatever the characters around it', () => {
  it.each([
    ['a lead byte at the end', [...utf8('<a>é'), 0xc3]],
    ['a lead byte before ASCII', [...utf8('<a>'), 0xc3, 0x41, ...utf8('</a>')]],
    ['an overlong form of an ASCII character', [...utf8('<a>'), 0xc1, 0x81, ...utf8('</a>')]],
  ])('%s', (_, bytes) => {
    expect(() => decodePayload(Uint8Array.from(bytes))).toThrow(XmlEncodingError);
    try {
      decodePayload(Uint8Array.from(bytes));
    } catch (error) {
      expect(((error as Error).cause as Error).message).toBe('The encoded data was not valid for encoding utf-8');
    }
  });
});

describe('the faster path', () => {
  it.each([
    ['ASCII only', '<a>plain</a>'],
    ['two-byte characters of both lead bytes, first, last and adjacent', '\u0080<a x="ß">Zürich \u00a9\u00e9</a>\u00ff'],
    ['lead byte 0xC3 only', '<a>Zürich, Genève</a>'],
    ['lead byte 0xC2 only', '<a>© 2024, 10\u00a0kg</a>'],
    ['one 0xC3 character at the second byte', 'aé'],
    ['one 0xC2 character at the second byte', 'a©'],
    ['a long document with a few', `<a>${'x'.repeat(20_000)}é${'y'.repeat(20_000)}\u00a0</a>`],
  ])('takes every document of ASCII and Latin-1 characters: %s', (_, text) => {
    expect(latin1Range(Buffer.from(text, 'utf8'))).toBe(text);
  });

  it.each([
    ['a three-byte character', '<a>café – naïve</a>'],
    ['a four-byte character only', '<a>😀</a>'],
    ['more two-byte characters than pay', `<a>${'é'.repeat(500)}</a>`],
  ])('leaves the rest to the UTF-8 decoder: %s', (_, text) => {
    expect(latin1Range(Buffer.from(text, 'utf8'))).toBeUndefined();
  });
});
