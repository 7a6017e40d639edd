import { describe, expect, it } from 'vitest';
import { parseXml } from 'sluice';
import { notWellFormed, positionOf } from '../helpers/not-well-formed.js';

// XML 1.0 §3.1, WFC: Unique Att Spec; Namespaces in XML 1.0 §6.3: no two attributes with the same expanded name.
describe('WFC: Unique Att Spec', () => {
  it('the same attribute name twice', () => {
    const err = notWellFormed('<a x="1"\n   x="2"/>');
    expect(err.message).toMatch(/duplicate attribute/);
    expect(positionOf(err)).toBe('2:10');
  });

  it('a repeat among many attributes (past the scan, found by a set), and none among many distinct ones', () => {
    const many = Array.from({ length: 40 }, (_, i) => `a${i}="${i}"`).join(' ');
    expect(notWellFormed(`<a ${many} a17="again"/>`).message).toMatch(/duplicate attribute: a17\./);
    expect(notWellFormed(`<a ${many} a3="again"/>`).message).toMatch(/duplicate attribute: a3\./);
    expect(parseXml(`<a ${many}/>`).root.attr('a39')).toBe('39');
    // The list is reused from tag to tag: the names of the tag before are not this tag's.
    expect(parseXml(`<a ${many}><b ${many}/></a>`).root.children[0]!.attr('a39')).toBe('39');
  });

    it('two prefixes bound to one namespace, with the same local name', () => {
    expect(notWellFormed('<a xmlns:p="urn:x" xmlns:q="urn:x" p:id="1" q:id="2"/>').message).toMatch(/duplicate attribute: \{urn:x\}id/);
  });

  it('a default from the DOCTYPE does not count as a second specification', () => {
    expect(() => notWellFormed('<!DOCTYPE a [<!ATTLIST a x CDATA "d">]><a x="1"/>')).toThrow(/expected the document to fail/);
  });
});
