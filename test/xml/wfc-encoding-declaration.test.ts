import { describe, expect, it } from 'vitest';
import { notWellFormed } from '../helpers/not-well-formed.js';

// XML 1.0 §4.3.3: "it is a fatal error for an entity including an encoding declaration to be presented
// to the XML processor in an encoding other than that named in the declaration", and bytes not legal
// in the encoding are a fatal error too.
describe('Encoding declaration contradicted by the bytes', () => {
  it('UTF-16 bytes declared as UTF-8', () => {
    const err = notWellFormed(Buffer.from('\uFEFF<?xml version="1.0" encoding="UTF-8"?><a/>', 'utf16le'));
    expect(err).toMatchObject({ name: 'XmlEncodingError', encoding: 'UTF-8' });
    expect(err.message).toMatch(/says encoding="UTF-8" but its byte order mark says UTF-16LE/);
  });

  it('single-byte text declared as UTF-16', () => {
    expect(notWellFormed(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a/>')).message).toMatch(/the bytes are not UTF-16/);
  });

  it('bytes illegal in the declared encoding', () => {
    expect(notWellFormed(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="EUC-JP"?><a>'), Buffer.of(0x8e, 0x20), Buffer.from('</a>')])).message).toMatch(/not valid EUC-JP/);
  });
});
