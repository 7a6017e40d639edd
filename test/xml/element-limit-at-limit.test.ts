import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_LIMITS, parseXml } from '../../src/xml/index.js';

describe('the element limit', () => {
  it('parses a document of exactly parse.maxElements elements, the default included, elements in entity text counted', () => {
    const max = DEFAULT_PARSE_LIMITS.maxElements;
    expect(max).toBe(150_000);
    const atDefault = `<r>${'<e/>'.repeat(max - 1)}</r>`;
    expect(parseXml(atDefault).root.children).toHaveLength(max - 1);
    expect(() => parseXml(`<r>${'<e/>'.repeat(max)}</r>`)).toThrow(/element number 150001 of the document/);
    expect(parseXml('<r><a/><b/></r>', { maxElements: 3 }).root.children).toHaveLength(2);
    // An entity's replacement text makes elements too: they count.
    const withEntity = '<!DOCTYPE r [<!ENTITY two "<x/><x/>">]><r>&two;</r>';
    expect(parseXml(withEntity, { maxElements: 3 }).root.children).toHaveLength(2);
    expect(() => parseXml(withEntity, { maxElements: 2 })).toThrow(/element <x> is element number 3/);
  });
});
