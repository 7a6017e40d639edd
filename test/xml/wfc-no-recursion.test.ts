import { describe, expect, it } from 'vitest';
import { notWellFormed } from '../helpers/not-well-formed.js';

// XML 1.0 §4.1, WFC: No Recursion — "A parsed entity MUST NOT contain a recursive reference to itself, either directly or indirectly."
describe('WFC: No Recursion', () => {
  it('directly, in content', () => {
    const err = notWellFormed('<!DOCTYPE a [<!ENTITY e "x&e;">]><a>&e;</a>');
    expect(err.name).toBe('XmlSyntaxError');
    expect(err.message).toMatch(/^1:\d+: entity &e; refers to itself \(through &e; → &e;\)/);
  });

  it('indirectly, through markup and in an attribute value', () => {
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY e "<b>&f;</b>"><!ENTITY f "&e;">]><a>&e;</a>').message).toMatch(/refers to itself \(through &e; → &f; → &e;\)/);
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY e "&f;"><!ENTITY f "&e;">]><a v="&e;"/>').message).toMatch(/refers to itself/);
  });

  it('a parameter entity that refers to itself', () => {
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY % p "%p;"> %p;]><a/>').message).toMatch(/PEs in Internal Subset|refers to itself/);
  });
});
