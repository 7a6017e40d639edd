import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';

// XML 1.0 §4.1, WFC: In DTD — "Parameter-entity references MUST NOT appear outside the DTD."
// Outside the DTD, % is an ordinary character: %p; in content is text, not a reference.
describe('WFC: In DTD', () => {
  it('%name; in content and attribute values is text, never expanded', () => {
    const { root } = parseXml('<!DOCTYPE a [<!ENTITY % p "EXPANDED">]><a v="%p;">%p;</a>');
    expect(root.text()).toBe('%p;');
    expect(root.attr('v')).toBe('%p;');
  });
});
