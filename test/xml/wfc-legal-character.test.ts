import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';
import { notWellFormed, positionOf } from '../helpers/not-well-formed.js';

// XML 1.0 §4.1, WFC: Legal Character — "Characters referred to using character references MUST match the production for Char."
describe('WFC: Legal Character', () => {
  it.each(['&#0;', '&#x1;', '&#xFFFE;', '&#xD800;', '&#x110000;'])('%s in content', (ref) => {
    const err = notWellFormed(`<a>\n${ref}</a>`);
    expect(err.name).toBe('XmlSyntaxError');
    expect(positionOf(err)).toMatch(/^2:/);
  });

  it('in an entity value of the DOCTYPE', () => {
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY e "&#x0;">]><a/>').message).toMatch(/&#x0; is not a legal character/);
  });

  it('legal references, astral ones included', () => {
    expect(parseXml('<a>&#x9;&#65;&#x1F600;&#xFFFD;</a>').root.text()).toBe('\tA😀\uFFFD');
  });
});
