import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';

// The parser reuses one attribute list for every tag: declarations apply to this tag's attributes only.
describe('attribute declarations, tag after tag', () => {
  it("a default is added to a tag without the attribute, whatever the tag before it had", () => {
    const { root } = parseXml(`<!DOCTYPE r [<!ATTLIST b x CDATA "d">]><r><a x="1"/><b/></r>`);
    expect(root.get('a')!.attr('x')).toBe('1');
    expect(root.get('b')!.attr('x')).toBe('d');
  });

  it('a declared attribute is normalised wherever it stands among the tag’s attributes', () => {
    const { root } = parseXml(`<!DOCTYPE r [<!ATTLIST b y NMTOKENS #IMPLIED>]><r><b x="1" y="  p   q "/></r>`);
    expect(root.get('b')!.attr('y')).toBe('p q');
    expect(root.get('b')!.attr('x')).toBe('1');
  });
});
