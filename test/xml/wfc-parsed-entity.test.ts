import { describe, expect, it } from 'vitest';
import { notWellFormed } from '../helpers/not-well-formed.js';

// XML 1.0 §4.1, WFC: Parsed Entity — "An entity reference MUST NOT contain the name of an unparsed entity."
describe('WFC: Parsed Entity', () => {
  const dtd = '<!DOCTYPE a [<!NOTATION gif SYSTEM "image/gif"><!ENTITY logo SYSTEM "logo.gif" NDATA gif>]>';

  it('in content', () => {
    const err = notWellFormed(`${dtd}<a>&logo;</a>`);
    expect(err.name).toBe('XmlSyntaxError');
    expect(err.message).toMatch(/^1:\d+: entity &logo; is unparsed \(NDATA gif\) and may not be referenced in content/);
  });

  it('in an attribute value', () => {
    expect(notWellFormed(`${dtd}<a v="&logo;"/>`).message).toMatch(/may not be referenced in an attribute value/);
  });
});
