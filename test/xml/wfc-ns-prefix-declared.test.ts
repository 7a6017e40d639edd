import { describe, expect, it } from 'vitest';
import { notWellFormed, positionOf } from '../helpers/not-well-formed.js';

// Namespaces in XML 1.0 §5, Namespace constraint: Prefix Declared.
describe('Namespace constraint: Prefix Declared', () => {
  it('an element or attribute prefix with no declaration in scope', () => {
    const err = notWellFormed('<a>\n<p:b/></a>');
    expect(err.message).toMatch(/unbound namespace prefix: "p"/);
    expect(positionOf(err)).toBe('2:6');
    expect(notWellFormed('<a q:x="1"/>').message).toMatch(/unbound namespace prefix: "q"/);
  });

  it('a prefix declared on a sibling is out of scope', () => {
    expect(notWellFormed('<a><b xmlns:p="u"/><p:c/></a>').message).toMatch(/unbound namespace prefix: "p"/);
  });

  it('a prefix used inside an entity, where the reference is not in its scope', () => {
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY e "<p:b/>">]><a>&e;</a>').message).toMatch(/^1:\d+: in the replacement text of entity &e;: unbound namespace prefix/);
  });
});
