import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';
import { notWellFormed, positionOf } from '../helpers/not-well-formed.js';

// XML 1.0 §3, WFC: Element Type Match — "The Name in an element's end-tag MUST match the element type in the start-tag."
describe('WFC: Element Type Match', () => {
  it('an end tag that does not match its start tag fails at the end tag', () => {
    const err = notWellFormed('<a>\n  <b>x</c>\n</a>');
    expect(err.name).toBe('XmlSyntaxError');
    expect(positionOf(err)).toBe('2:10');
  });

  it('also inside the replacement text of an entity, reported where the entity is referenced', () => {
    const err = notWellFormed('<!DOCTYPE a [<!ENTITY e "<b>x</c>">]>\n<a>&e;</a>');
    expect(err.message).toMatch(/^2:6: in the replacement text of entity &e;: /);
  });

  it('matching tags, prefixes included, are well-formed', () => {
    expect(parseXml('<p:a xmlns:p="urn:p"><b/></p:a>').root.local).toBe('a');
  });
});
