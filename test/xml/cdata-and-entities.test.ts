import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, parseXml } from '../../src/xml/index.js';

describe('CDATA, entities and character references', () => {
  it('decodes the five predefined entities in text and attributes', () => {
    const root = parseXml(`<a q="&quot;&apos;&lt;&gt;&amp;">&amp;&lt;&gt;&quot;&apos;</a>`).root;
    expect(root.text()).toBe(`&<>"'`);
    expect(root.attr('q')).toBe(`"'<>&`);
  });

  it('decodes decimal and hexadecimal character references, astral ones included', () => {
    const root = parseXml(`<a n="&#65;&#x42;">caf&#233; &#x263A; &#x1F600; &#128512;</a>`).root;
    expect(root.text()).toBe('café ☺ 😀 😀');
    expect(root.attr('n')).toBe('AB');
  });

  it('keeps CDATA content raw, markup and entity-like text included', () => {
    const root = parseXml(`<a><![CDATA[<b>&amp; ]] ]>]]></a>`).root;
    expect(root.text()).toBe('<b>&amp; ]] ]>');
    expect(root.children).toEqual([]);
  });

  it('concatenates text and CDATA of the element itself, not of its descendants', () => {
    const root = parseXml(`<a>one <![CDATA[two]]> <b>inner</b>three&amp;<!-- c --><?pi x?>four</a>`).root;
    expect(root.text()).toBe('one two three&four');
    expect(root.value('b')).toBe('inner');
  });

  it('keeps whitespace and normalises line ends as XML requires', () => {
    expect(parseXml('<a>  x\r\n y\r z  </a>').root.text()).toBe('  x\n y\n z  ');
    expect(parseXml('<a><![CDATA[ \r\n ]]></a>').root.text()).toBe(' \n ');
  });

  it('rejects undefined entities and malformed references as syntax errors', () => {
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow('1:9: undefined entity.');
    expect(() => parseXml('<a x="&copy;"/>')).toThrow(/undefined entity/);
    expect(() => parseXml('<a>&#xD800;</a>')).toThrow(/malformed character entity/);
    expect(() => parseXml('<a>&#xZZ;</a>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<a>AT&T</a>')).toThrow(XmlSyntaxError);
  });
});
