import { describe, expect, it } from 'vitest';
import { notWellFormed, positionOf } from '../helpers/not-well-formed.js';

// XML 1.0 §3.1, WFC: No External Entity References — "Attribute values MUST NOT contain direct or
// indirect entity references to external entities." In content Sluice refuses them too: it never reads one.
describe('WFC: No External Entity References', () => {
  it('in an attribute value, directly or through an internal entity', () => {
    const err = notWellFormed('<!DOCTYPE a [<!ENTITY x SYSTEM "x.txt">]>\n<a v="&x;"/>');
    expect(err).toMatchObject({ name: 'XmlForbiddenError', construct: 'external-entity' });
    expect(positionOf(err)).toMatch(/^2:/);
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY x SYSTEM "x.txt"><!ENTITY i "&x;">]><a v="&i;"/>').message).toMatch(/entity &x; is external/);
  });

  it('in content', () => {
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY x PUBLIC "-//P//EN" "x.xml">]><a>&x;</a>').message).toMatch(/^1:\d+: entity &x; is external \("x.xml"\)/);
  });
});
