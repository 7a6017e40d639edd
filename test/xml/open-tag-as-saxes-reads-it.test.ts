import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, parseXml, type XmlElement } from '../../src/xml/index.js';

// The parser reads a tag's name with its own copy of saxes' state for it (without saxes' attribute
// object per tag): every outcome must be the one saxes itself gives.
const DOCUMENTS = [
  '<a/>',
  '<a />',
  '<a\t\r\n b="1"/>',
  '<a\nb="1"\n>x</a>',
  '<a><b></b><c/><b>t</b></a>',
  '<é-ñ.x:y xmlns:é-ñ.x="urn:x"/>',
  '<a"b/>',
  '<a\u00a0/>',
  '<a></a><b/>',
  '<a><b',
  '<a><b ',
  '<a><b/',
  '<a>\n  <b>\n</a>',
];

/** What saxes alone makes of a document: the names of its elements in order, or its first error. */
function bySaxes(xml: string): string[] | string {
  const parser = new SaxesParser();
  const names: string[] = [];
  let error: string | undefined;
  parser.on('opentag', (tag) => names.push(tag.name));
  parser.on('error', (e) => (error ??= e.message));
  parser.write(xml).close();
  return error ?? names;
}

function byParser(xml: string): string[] | string {
  try {
    const names: string[] = [];
    const walk = (e: XmlElement): void => {
      names.push(e.name);
      e.children.forEach(walk);
    };
    walk(parseXml(xml).root);
    return names;
  } catch (error) {
    if (error instanceof XmlSyntaxError) return error.message;
    throw error;
  }
}

describe('reading a tag name', () => {
  it.each(DOCUMENTS)('gives saxes’ own outcome for %j', (xml) => {
    expect(byParser(xml)).toEqual(bySaxes(xml));
  });

  it('covers tags that end the name with >, /, white space, a bad character, and the end of the input', () => {
    const outcomes = DOCUMENTS.map(bySaxes);
    expect(outcomes.filter((o) => typeof o === 'string')).toEqual([
      '1:3: disallowed character in tag name.',
      '1:3: disallowed character in tag name.',
      '1:10: documents may contain only one root.',
      '1:5: unclosed tag: a',
      '1:6: unclosed tag: a',
      '1:6: unclosed tag: a',
      '3:4: unexpected close tag.',
    ]);
  });
});
