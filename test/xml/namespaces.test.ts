import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, parseXml } from '../../src/xml/index.js';
import type { XmlElement } from '../../src/xml/index.js';

const plain = `<Application id="1"><Contacts><Contact type="home"><Name>Ann</Name></Contact><Contact><Name>Bo</Name></Contact></Contacts></Application>`;
const prefixed = `<c:Application xmlns:c="urn:credit" id="1"><c:Contacts><c:Contact type="home"><c:Name>Ann</c:Name></c:Contact><c:Contact><c:Name>Bo</c:Name></c:Contact></c:Contacts></c:Application>`;
const defaulted = `<Application xmlns="urn:credit" id="1"><Contacts><Contact type="home"><Name>Ann</Name></Contact><Contact><Name>Bo</Name></Contact></Contacts></Application>`;

function summary(root: XmlElement): unknown {
  return {
    names: root.getAll('Contacts/Contact/Name').map((n) => n.text()),
    type: root.value('Contacts/Contact/@type'),
    id: root.value('@id'),
    second: root.get('Contacts')?.all('Contact')[1]?.child('Name')?.text(),
  };
}

describe('namespaces', () => {
  it('prefixed, default-namespace and plain documents answer queries the same', () => {
    const expected = summary(parseXml(plain).root);
    expect(expected).toEqual({ names: ['Ann', 'Bo'], type: 'home', id: '1', second: 'Bo' });
    expect(summary(parseXml(prefixed).root)).toEqual(expected);
    expect(summary(parseXml(defaulted).root)).toEqual(expected);
  });

  it('keeps the qualified name and resolves the URI', () => {
    const contact = parseXml(prefixed).root.get('Contacts/Contact');
    expect(contact).toMatchObject({ name: 'c:Contact', local: 'Contact', uri: 'urn:credit' });
    expect(parseXml(defaulted).root.get('Contacts/Contact')?.uri).toBe('urn:credit');
    expect(parseXml(plain).root.uri).toBe('');
  });

  it('honours redeclaration and undeclaration in nested scopes, and scopes end with their element', () => {
    const root = parseXml(
      `<a xmlns="urn:1" xmlns:p="urn:p1"><b xmlns="urn:2" xmlns:p="urn:p2"><p:c/><d xmlns=""/></b><p:e/><f/></a>`,
    ).root;
    expect(root.uri).toBe('urn:1');
    expect(root.get('b')?.uri).toBe('urn:2');
    expect(root.get('b/c')?.uri).toBe('urn:p2');
    expect(root.get('b/d')?.uri).toBe('');
    expect(root.get('e')?.uri).toBe('urn:p1');
    expect(root.get('f')?.uri).toBe('urn:1');
  });

  it('matches a qualified step against the qualified name', () => {
    const root = parseXml(`<r xmlns:x="urn:x"><x:item>1</x:item><item>2</item></r>`).root;
    expect(root.value('x:item')).toBe('1');
    expect(root.child('x:item')?.text()).toBe('1');
    expect(root.all('item').map((e) => e.text())).toEqual(['1', '2']);
    expect(root.getAll('item').map((e) => e.uri)).toEqual(['urn:x', '']);
  });

  it('looks attributes up by qualified name, then by local name', () => {
    const root = parseXml(`<r xmlns:x="urn:x" xmlns="urn:d" x:lang="fr" plain="1" xml:space="keep"/>`).root;
    expect(root.attr('x:lang')).toBe('fr');
    expect(root.attr('lang')).toBe('fr');
    expect(root.attr('space')).toBe('keep');
    expect(root.attr('plain')).toBe('1');
    expect(root.attr('x')).toBeUndefined(); // a declaration is not an attribute named after its prefix
    expect(root.attrs).toMatchObject({ xmlns: 'urn:d', 'xmlns:x': 'urn:x' });
  });

  it('rejects unbound prefixes, on elements and attributes', () => {
    expect(() => parseXml('<r><p:c/></r>')).toThrow(XmlSyntaxError);
    // Same messages and positions as saxes' own xmlns mode.
    expect(() => parseXml('<r><p:c/></r>')).toThrow('1:9: unbound namespace prefix: "p".');
    expect(() => parseXml('<r q:a="1"/>')).toThrow('1:12: unbound namespace prefix: "q".');
    expect(() => parseXml('<r><s xmlns:p="urn:p"/><p:t/></r>')).toThrow('1:29: unbound namespace prefix: "p".');
    expect(() => parseXml('<r xmlns:p="urn:p"><p:t/></r>')).not.toThrow();
  });

  it('rejects namespace misuse that saxes xmlns mode rejects', () => {
    expect(() => parseXml('<r xmlns:p=""/>')).toThrow(/undefine prefix/);
    expect(() => parseXml('<r xmlns:a="urn:x" xmlns:b="urn:x" a:k="1" b:k="2"/>')).toThrow(/duplicate attribute: \{urn:x\}k/);
    expect(() => parseXml('<r xmlns:xmlns="urn:x"/>')).toThrow(XmlSyntaxError);
  });
});
