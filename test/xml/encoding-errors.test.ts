import { describe, expect, it } from 'vitest';
import { XmlEncodingError, parseXml } from '../../src/xml/index.js';

const ascii = (s: string) => Buffer.from(s, 'latin1');

function encodingError(payload: Uint8Array): XmlEncodingError {
  try {
    parseXml(payload);
  } catch (err) {
    if (err instanceof XmlEncodingError) return err;
    throw err;
  }
  throw new Error('expected an XmlEncodingError');
}

describe('byte payloads whose encoding cannot be trusted fail with XmlEncodingError naming it', () => {
  it('an encoding the platform does not know', () => {
    const err = encodingError(ascii('<?xml version="1.0" encoding="x-klingon"?><t/>'));
    expect(err).toMatchObject({ name: 'XmlEncodingError', encoding: 'x-klingon' });
    expect(err.message).toMatch(/names encoding "x-klingon", which this platform cannot decode; re-encode/);
  });

  it('bytes that are not valid in the declared encoding', () => {
    const err = encodingError(Buffer.concat([ascii('<?xml version="1.0" encoding="Shift_JIS"?><t>'), Buffer.of(0x82, 0xff), ascii('</t>')]));
    expect(err).toMatchObject({ encoding: 'shift_jis' });
    expect(err.message).toMatch(/^the document's bytes are not valid Shift_JIS, as its XML declaration says/);
  });

  it('bytes that are not UTF-8 when nothing declares another encoding', () => {
    const err = encodingError(Buffer.concat([ascii('<t>'), Buffer.of(0xe9), ascii('</t>')]));
    expect(err.message).toMatch(/not valid utf-8 \(the default: the document has no encoding declaration\)/);
  });

  it('a UTF-16 byte order mark under a declaration of an 8-bit encoding', () => {
    const err = encodingError(Buffer.from('\uFEFF<?xml version="1.0" encoding="ISO-8859-1"?><t/>', 'utf16le'));
    expect(err).toMatchObject({ encoding: 'ISO-8859-1' });
    expect(err.message).toMatch(/says encoding="ISO-8859-1" but its byte order mark says UTF-16LE/);
  });

  it('a UTF-8 byte order mark under another declared encoding', () => {
    const err = encodingError(Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), ascii('<?xml version="1.0" encoding="windows-1252"?><t/>')]));
    expect(err.message).toMatch(/says encoding="windows-1252" but its byte order mark says UTF-8/);
  });

  it('a declaration of UTF-16 over single-byte text', () => {
    const err = encodingError(ascii('<?xml version="1.0" encoding="UTF-16"?><t/>'));
    expect(err.message).toMatch(/says encoding="UTF-16" but the bytes are not UTF-16/);
  });

  it('a declared byte order the byte order mark contradicts', () => {
    const err = encodingError(Buffer.from('\uFEFF<?xml version="1.0" encoding="UTF-16BE"?><t/>', 'utf16le'));
    expect(err.message).toMatch(/says encoding="UTF-16BE" but its byte order mark says UTF-16LE/);
  });

  it('UTF-32 and EBCDIC, which TextDecoder cannot decode', () => {
    expect(encodingError(Uint8Array.of(0x00, 0x00, 0xfe, 0xff, 0, 0, 0, 0x3c)).encoding).toBe('utf-32');
    expect(encodingError(Uint8Array.of(0x3c, 0, 0, 0, 0x3f, 0, 0, 0)).encoding).toBe('utf-32');
    expect(encodingError(Uint8Array.of(0x4c, 0x6f, 0xa7, 0x94)).encoding).toBe('ebcdic');
  });
});
