import { describe, expect, it } from 'vitest';
import { notWellFormed, positionOf } from '../helpers/not-well-formed.js';

// Namespaces in XML 1.0 §7: element and attribute names are QNames (NCName or NCName:NCName).
// saxes, run without its slow xmlns mode, lets these through; Sluice's namespace pass refuses them.
describe('Namespace constraint: names are qualified names', () => {
  it.each([
    ['an element named only a colon', '<:/>', '1:4'],
    ['an element with an empty prefix', '<:a/>', '1:5'],
    ['an element with an empty local name', '<a xmlns:a="u"><a:/></a>', '1:20'],
    ['an element with two colons', '<a:b:c xmlns:a="u"/>', '1:20'],
  ])('%s', (_, xml, position) => {
    const err = notWellFormed(xml);
    expect(err.message).toMatch(/is not a qualified name/);
    expect(positionOf(err)).toBe(position);
  });

  it('an attribute named only a colon, or with two colons', () => {
    expect(notWellFormed('<a :="1"/>').message).toMatch(/attribute name : is not a qualified name/);
    expect(notWellFormed('<a xmlns:p="u" p:b:c="1"/>').message).toMatch(/attribute name p:b:c is not a qualified name/);
  });

  it('xmlns:= declares no prefix', () => {
    const err = notWellFormed('<a xmlns:="urn:x"/>');
    expect(err.message).toMatch(/xmlns:= is not a namespace declaration/);
    expect(positionOf(err)).toBe('1:19');
  });

  it('a DOCTYPE, ELEMENT or ATTLIST name that is not a qualified name', () => {
    expect(notWellFormed('<!DOCTYPE :a><a/>').message).toMatch(/":a" is not a qualified name/);
    expect(notWellFormed('<!DOCTYPE a [<!ATTLIST a b: CDATA #IMPLIED>]><a/>').message).toMatch(/"b:" is not a qualified name/);
  });
});
