import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';
import { notWellFormed, positionOf } from '../helpers/not-well-formed.js';

// XML 1.0 §2.8, WFC: PEs in Internal Subset — "In the internal DTD subset, parameter-entity
// references MUST NOT occur within markup declarations; they may occur where markup declarations can occur."
describe('WFC: PEs in Internal Subset', () => {
  it('a parameter-entity reference inside an entity value', () => {
    const err = notWellFormed('<!DOCTYPE a [\n<!ENTITY % p "x">\n<!ENTITY e "%p;">\n]><a/>');
    expect(err.message).toMatch(/may not occur within a markup declaration of the internal subset/);
    expect(positionOf(err)).toBe('3:13');
  });

  it('a parameter-entity reference between declarations is allowed', () => {
    expect(parseXml('<!DOCTYPE a [<!ENTITY % p "<!ENTITY e \'ok\'>"> %p; ]><a>&e;</a>').root.text()).toBe('ok');
  });
});
