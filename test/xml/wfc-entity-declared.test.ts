import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';
import { notWellFormed } from '../helpers/not-well-formed.js';

// XML 1.0 §4.1, WFC: Entity Declared — without a DTD, or with only an internal subset and no
// parameter-entity references, every referenced entity must be declared (the five predefined excepted),
// and a declaration must precede any reference in an attribute default.
describe('WFC: Entity Declared', () => {
  it('an undeclared entity without a DTD, and with an internal subset only', () => {
    expect(notWellFormed('<a>&nbsp;</a>').message).toMatch(/^1:\d+: undefined entity/);
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY b "x">]><a>&nbsp;</a>').message).toMatch(/^1:\d+: undefined entity &nbsp;/);
  });

  it('a reference in a default value before the declaration', () => {
    expect(notWellFormed('<!DOCTYPE a [<!ATTLIST a v CDATA "&e;"><!ENTITY e "x">]><a/>').message).toMatch(/undefined entity &e;/);
  });

  it('the predefined entities need no declaration', () => {
    expect(parseXml('<!DOCTYPE a [<!ENTITY b "x">]><a>&lt;&gt;&amp;&apos;&quot;&b;</a>').root.text()).toBe(`<>&'"x`);
  });

  it('with an external subset, an undeclared entity may be declared there: it fails as possibly external', () => {
    expect(notWellFormed('<!DOCTYPE a SYSTEM "a.dtd"><a>&nbsp;</a>')).toMatchObject({ name: 'XmlForbiddenError', construct: 'external-entity' });
  });
});
