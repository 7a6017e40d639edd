import { describe, expect, it } from 'vitest';
import { notWellFormed } from '../helpers/not-well-formed.js';

// XML 1.0 §2.8, WFC: PE Between Declarations — the replacement text of a parameter entity
// referenced between declarations must itself be whole declarations.
describe('WFC: PE Between Declarations', () => {
  it('a parameter entity holding half a declaration', () => {
    const err = notWellFormed('<!DOCTYPE a [\n<!ENTITY % half "<!ELEMENT a">\n%half; EMPTY>\n]><a/>');
    expect(err.name).toBe('XmlSyntaxError');
    expect(err.message).toMatch(/^3:1: in parameter entity %half;: /);
  });

  it('a parameter entity holding text that is no declaration', () => {
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY % t "hello"> %t;]><a/>').message).toMatch(/in parameter entity %t;: a markup declaration .* was expected/);
  });
});
