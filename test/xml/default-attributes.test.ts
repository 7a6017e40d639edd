import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';

describe('attribute declarations of the internal subset are applied (XML 1.0 §3.3)', () => {
  it('a default value is added where the attribute is missing; a given value wins', () => {
    const { root } = parseXml(`<!DOCTYPE m [
<!ATTLIST glob weight CDATA "50" case-sensitive CDATA #IMPLIED>
<!ATTLIST magic priority CDATA '50'>
]><m><glob pattern="*.txt"/><glob pattern="*.c" weight="80"/><magic/></m>`);
    const globs = root.getAll('glob');
    expect(globs.map((g) => g.attr('weight'))).toEqual(['50', '80']);
    expect(globs[0]!.attr('case-sensitive')).toBeUndefined();
    expect(root.get('magic')!.attr('priority')).toBe('50');
  });

  it('a #FIXED xmlns default puts elements in that namespace (shared-mime-info)', () => {
    const { root } = parseXml(`<!DOCTYPE mime-info [
<!ATTLIST mime-info xmlns CDATA #FIXED "http://www.freedesktop.org/standards/shared-mime-info">
<!ATTLIST p:x xmlns:p CDATA #FIXED "urn:p">
]><mime-info><mime-type type="text/plain"/><p:x/></mime-info>`);
    expect(root.uri).toBe('http://www.freedesktop.org/standards/shared-mime-info');
    expect(root.get('mime-type')!.uri).toBe('http://www.freedesktop.org/standards/shared-mime-info');
    expect(root.get('x')!.uri).toBe('urn:p');
  });

  it('a value declared of a type other than CDATA is trimmed and its spaces collapsed; CDATA is kept', () => {
    const { root } = parseXml(`<!DOCTYPE d [<!ATTLIST d refs IDREFS #IMPLIED note CDATA #IMPLIED kind (a|b) "  b ">]><d refs="  x   y  " note="  x   y  "/>`);
    expect(root.attr('refs')).toBe('x y');
    expect(root.attr('note')).toBe('  x   y  ');
    expect(root.attr('kind')).toBe('b');
  });

  it('entities in a default value are expanded; the first declaration of an attribute binds', () => {
    const { root } = parseXml(`<!DOCTYPE d [<!ENTITY co "ACME &amp; Co"><!ATTLIST d owner CDATA "&co;"><!ATTLIST d owner CDATA "other">]><d/>`);
    expect(root.attr('owner')).toBe('ACME & Co');
  });

  it('a default value may not use an entity declared after it, nor an external one', () => {
    expect(() => parseXml(`<!DOCTYPE d [<!ATTLIST d a CDATA "&later;"><!ENTITY later "x">]><d/>`)).toThrow(/^1:\d+: undefined entity &later;/);
    expect(() => parseXml(`<!DOCTYPE d [<!ENTITY ext SYSTEM "x.xml"><!ATTLIST d a CDATA "&ext;">]><d/>`)).toThrow(/entity &ext; is external/);
  });
});
