import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, parseXml } from '../../src/xml/index.js';

function syntaxError(xml: string): XmlSyntaxError {
  try {
    parseXml(xml);
  } catch (err) {
    if (err instanceof XmlSyntaxError) return err;
    throw err;
  }
  throw new Error('expected an XmlSyntaxError');
}

const doc = (subset: string) => `<?xml version="1.0"?>\n<!DOCTYPE doc [\n${subset}\n]>\n<doc/>`;

describe('a malformed declaration in the internal subset fails the record with its line:column', () => {
  it.each([
    ['an element declaration without a content model', '<!ELEMENT doc>', 3, 14, /malformed DOCTYPE: white space was expected; found ">"/],
    ['a content model that mixes | and ,', '<!ELEMENT doc (a | b , c)>', 3, 22, /may not mix \| and ,/],
    ['mixed content with names but no *', '<!ELEMENT doc (#PCDATA | a)>', 3, 28, /must end with \)\*/],
    ['an attribute type that does not exist', '<!ATTLIST doc a STRING #IMPLIED>', 3, 17, /an attribute type .* was expected/],
    ['an attribute default that is not quoted', '<!ATTLIST doc a CDATA yes>', 3, 23, /#REQUIRED, #IMPLIED, #FIXED or a quoted default/],
    ['an entity value that is not closed', '<!ENTITY e "open>\n<!ELEMENT doc EMPTY>', 3, 13, /entity value is not closed/],
    ['an entity without a value', '<!ENTITY e >', 3, 12, /a quoted value, SYSTEM or PUBLIC was expected/],
    ['an entity name with a colon', '<!ENTITY a:b "x">', 3, 10, /may not contain a colon/],
    ['a public identifier with a character it may not have', '<!NOTATION n PUBLIC "{curly}">', 3, 21, /PubidLiteral/],
    ['a comment with -- inside', '<!-- a -- b -->', 3, 8, /-- may not occur within a comment/],
    ['text that is no declaration', 'hello', 3, 1, /a markup declaration .* was expected/],
    ['a conditional section', '<![INCLUDE[<!ELEMENT doc EMPTY>]]>', 3, 1, /conditional sections/],
    ['an undefined parameter entity', '%nowhere;', 3, 1, /undefined parameter entity %nowhere;/],
  ])('%s', (_, subset, line, column, message) => {
    const err = syntaxError(doc(subset));
    expect(err.message).toMatch(message);
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.message.startsWith(`${line}:${column}: `)).toBe(true);
  });

  it('a subset that never closes', () => {
    expect(syntaxError('<!DOCTYPE doc [<!ELEMENT doc EMPTY>').message).toMatch(/^1:\d+: /);
  });

  it('a DOCTYPE after the root element, or a second one', () => {
    expect(syntaxError('<doc/><!DOCTYPE doc>').message).toMatch(/inappropriately located doctype/);
    expect(syntaxError('<!DOCTYPE doc><!DOCTYPE doc><doc/>').message).toMatch(/inappropriately located doctype/);
  });
});
