import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_LIMITS, XmlLimitError, parseXml } from '../../src/xml/index.js';

function limitError(fn: () => unknown): XmlLimitError {
  try {
    fn();
  } catch (err) {
    if (err instanceof XmlLimitError) return err;
    throw err;
  }
  throw new Error('expected an XmlLimitError');
}

describe('document size limit', () => {
  it('defaults to 16 MiB and says how to raise it', () => {
    expect(DEFAULT_PARSE_LIMITS.maxDocumentBytes).toBe(16 * 1024 * 1024);
    const xml = `<a>${'x'.repeat(16 * 1024 * 1024)}</a>`;
    const err = limitError(() => parseXml(xml));
    expect(err).toMatchObject({ name: 'XmlLimitError', limit: 'maxDocumentBytes', actual: xml.length, max: 16777216 });
    expect(err.message).toBe(
      `document is ${xml.length} bytes, over the maxDocumentBytes limit of 16777216; raise parse.maxDocumentBytes if such documents are expected`,
    );
  });

  it('counts UTF-8 bytes, not characters', () => {
    const xml = '<a>ÅÅÅÅ</a>'; // 11 characters, 15 bytes
    expect(parseXml(xml, { maxDocumentBytes: 15 }).root.text()).toBe('ÅÅÅÅ');
    expect(limitError(() => parseXml(xml, { maxDocumentBytes: 14 })).actual).toBe(15);
    expect(limitError(() => parseXml('<a>😀</a>', { maxDocumentBytes: 10 })).actual).toBe(11);
  });

  it('checks the size before parsing, so an oversized broken document is a limit error', () => {
    expect(() => parseXml('<a><b></a>', { maxDocumentBytes: 5 })).toThrow(XmlLimitError);
    expect(() => parseXml('<a/>', { maxDocumentBytes: 4 })).not.toThrow();
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => parseXml('<a/>', { maxDocumentBytes: -1 })).toThrow(RangeError);
    expect(() => parseXml('<a/>', { maxDocumentBytes: Number.NaN })).toThrow(/parse\.maxDocumentBytes must be an integer/);
  });
});
