import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';
import { notWellFormed } from '../helpers/not-well-formed.js';

// Namespaces in XML 1.0 §3: the xml prefix is bound to its namespace only, xmlns is never declared,
// and no prefix may be bound to the xmlns namespace; Namespace constraint: No Prefix Undeclaring (1.0).
describe('Namespace constraint: Reserved Prefixes and Namespace Names, No Prefix Undeclaring', () => {
  it.each([
    ['<a xmlns:xmlns="urn:x"/>', /the xmlns prefix may not be declared/],
    ['<a xmlns:xml="urn:x"/>', /only the xml prefix may be bound/],
    ['<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>', /only the xml prefix may be bound/],
    ['<a xmlns:p="http://www.w3.org/2000/xmlns/"/>', /no prefix may be bound to http:\/\/www.w3.org\/2000\/xmlns\//],
    ['<a xmlns:p="urn:p"><b xmlns:p=""/></a>', /invalid attempt to undefine prefix/],
  ])('%s', (xml, message) => {
    expect(notWellFormed(xml).message).toMatch(message);
  });

  it('xml: needs no declaration, and may be declared with its own namespace', () => {
    expect(parseXml('<a xml:lang="en" xmlns:xml="http://www.w3.org/XML/1998/namespace"/>').root.attr('xml:lang')).toBe('en');
  });
});
