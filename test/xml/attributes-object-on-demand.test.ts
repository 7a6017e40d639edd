import { expect, it } from 'vitest';
import { parseXml, XmlElement } from 'sluice';

// The parser keeps an element's attributes as a list and builds `attrs` only when it is read.
it('attrs is every attribute by qualified name, built once when read, and attr() answers the same without it', () => {
  const { root } = parseXml('<a xmlns:p="urn:p" id="1" p:x="2"><b/></a>');
  expect(root.attr('id')).toBe('1');
  expect(root.attr('x')).toBe('2');
  expect(root.attr('p:x')).toBe('2');
  expect(root.attr('p')).toBeUndefined();
  expect({ ...root.attrs }).toEqual({ 'xmlns:p': 'urn:p', id: '1', 'p:x': '2' });
  expect(root.attrs).toBe(root.attrs);
  expect(Object.getPrototypeOf(Object.getPrototypeOf(root.attrs))).toBeNull();
  expect(Object.keys(root.children[0]!.attrs)).toEqual([]);

  const made = new XmlElement('c', 'c', '', null, { k: 'v' });
  expect(made.attrs).toEqual({ k: 'v' });
  expect(made.attr('k')).toBe('v');
});
