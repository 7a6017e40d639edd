import { describe, expect, it } from 'vitest';
import { notWellFormed, positionOf } from '../helpers/not-well-formed.js';

// XML 1.0 §3.1, WFC: No < in Attribute Values — "The replacement text of any entity referred to
// directly or indirectly in an attribute value MUST NOT contain a <."
describe('WFC: No < in Attribute Values', () => {
  it('a literal <', () => {
    const err = notWellFormed('<a x="1 < 2"/>');
    expect(err.name).toBe('XmlSyntaxError');
    expect(positionOf(err)).toBe('1:9');
  });

  it('a < brought in by an entity, directly or through another entity', () => {
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY lt2 "<">]><a x="&lt2;"/>').message).toMatch(/^1:\d+: an attribute value may not contain </);
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY i "<"><!ENTITY o "&i;">]><a x="&o;"/>').message).toMatch(/may not contain </);
  });

  it('in a default value declared in the DOCTYPE', () => {
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY i "<"><!ATTLIST a x CDATA "&i;">]><a/>').message).toMatch(/may not contain </);
  });
});
