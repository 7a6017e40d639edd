import { describe, expect, it } from 'vitest';
import { XmlError, XmlSyntaxError, parseXml } from '../../src/xml/index.js';

function syntaxError(xml: string): XmlSyntaxError {
  try {
    parseXml(xml);
  } catch (err) {
    if (err instanceof XmlSyntaxError) return err;
    throw err;
  }
  throw new Error(`expected an XmlSyntaxError for ${JSON.stringify(xml)}`);
}

// saxes reports the line (1-based) and the column just after the character that gave the error away.
const cases: Array<[string, string]> = [
  ['<Application>\n  <Applicant>\n    <Name>Zoë</Name>', '3:20: unclosed tag: Applicant'],
  ['<a>\n  <b></c>\n</a>', '2:9: unexpected close tag.'],
  ['<a>\n  <b x=1/>\n</a>', '2:8: unquoted attribute value.'],
  ['<a>\n  <b x="1" x="2"/>\n</a>', '2:18: duplicate attribute: x.'],
  ['<a>&nbsp;</a>', '1:9: undefined entity.'],
  ['<a>&#0;</a>', '1:7: malformed character entity.'],
  ['<a/><b/>', '1:7: documents may contain only one root.'],
  ['text<a/>', '1:5: text data outside of root node.'],
  ['<a/>\n\n  junk', '3:6: text data outside of root node.'],
  ['<a><!-- a -- b --></a>', '1:13: malformed comment.'],
  ['', '1:0: document must contain a root element.'],
  ['<a b="<"/>', '1:7: disallowed character.'],
];

describe('malformed documents', () => {
  it.each(cases)('%j fails with "%s"', (xml, message) => {
    const err = syntaxError(xml);
    expect(err.message).toBe(message);
    const [line, column] = message.split(':').map(Number);
    expect({ line: err.line, column: err.column }).toEqual({ line, column });
  });

  it('is a named XmlError that keeps the saxes error as its cause', () => {
    const err = syntaxError('<a><b></a>');
    expect(err).toBeInstanceOf(XmlError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('XmlSyntaxError');
    expect(err.cause).toBeInstanceOf(Error);
    expect((err.cause as Error).message).toBe(err.message);
  });

  it('stops at the first error', () => {
    expect(syntaxError('<a>\n<b></c>\n<d></e>\n</a>').message).toBe('2:7: unexpected close tag.');
  });

  it('leaves later documents unaffected', () => {
    syntaxError('<a><b>');
    expect(parseXml('<a><b>ok</b></a>').root.value('b')).toBe('ok');
  });
});
