import { describe, expect, it } from 'vitest';
import { XmlElement, parseXml } from '../../src/xml/index.js';

describe('document tree', () => {
  it('links elements to their parent and keeps children in document order', () => {
    const root = parseXml('<r><a/><b><c/></b><a/></r>').root;
    expect(root).toBeInstanceOf(XmlElement);
    expect(root.parent).toBeNull();
    expect(root.children.map((c) => c.name)).toEqual(['a', 'b', 'a']);
    for (const child of root.children) expect(child.parent).toBe(root);
    expect(root.get('b/c')?.parent).toBe(root.child('b'));
  });

  it('keeps attributes by qualified name, and gives attribute-less elements an empty set', () => {
    const root = parseXml(`<r a="1" b='two words' xml:lang="en"><leaf/></r>`).root;
    expect({ ...root.attrs }).toEqual({ a: '1', b: 'two words', 'xml:lang': 'en' });
    expect(Object.keys(root.child('leaf')?.attrs ?? { x: 1 })).toEqual([]);
    expect(root.attr('missing')).toBeUndefined();
    expect(root.attr('constructor')).toBeUndefined();
    expect(root.child('leaf')?.attr('toString')).toBeUndefined();
  });

  it('ignores the XML declaration, a byte-order mark, comments and processing instructions', () => {
    const xml = '\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- c --><?pi data?>\n<r><!-- inner --><?x y?>t</r>\n<!-- after -->\n';
    const root = parseXml(xml).root;
    expect(root.name).toBe('r');
    expect(root.text()).toBe('t');
    expect(root.children).toEqual([]);
  });

  it('separates the root from the text around it', () => {
    const root = parseXml('\n  <r>\n  <a>x</a>\n</r>\n  ').root;
    expect(root.text()).toBe('\n  \n');
    expect(root.value('a')).toBe('x');
  });

  it('returns independent documents for consecutive parses', () => {
    const first = parseXml('<one><x>1</x></one>').root;
    const second = parseXml('<two><x>2</x></two>').root;
    expect([first.name, first.value('x'), second.name, second.value('x')]).toEqual(['one', '1', 'two', '2']);
  });
});
