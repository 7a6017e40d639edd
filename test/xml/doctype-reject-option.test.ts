import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XmlForbiddenError, parseXml } from '../../src/xml/index.js';

function forbidden(xml: string): XmlForbiddenError {
  try {
    parseXml(xml, { doctype: 'reject' });
  } catch (err) {
    if (err instanceof XmlForbiddenError) return err;
    throw err;
  }
  throw new Error('expected an XmlForbiddenError');
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>`;

describe("parse.doctype: 'reject' refuses every DOCTYPE, as before DOCTYPEs were processed", () => {
  it('rejects any DOCTYPE, even a harmless one', () => {
    const err = forbidden('<!DOCTYPE Application>\n<Application/>');
    expect(err).toMatchObject({ name: 'XmlForbiddenError', construct: 'doctype', line: 1, column: 22 });
    expect(err.message).toMatch(/^1:22: DOCTYPE declarations are not allowed \(parse.doctype is 'reject'\); remove the DOCTYPE/);
  });

  it('rejects billion laughs before any entity is expanded', () => {
    const err = forbidden(billionLaughs);
    expect(err.line).toBe(7);
    expect(err.message).not.toContain('lol');
  });

  it('rejects XXE without reading the file', () => {
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:';
    for (const xml of [
      '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>',
      '<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>',
      '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]><x/>',
    ]) {
      const err = forbidden(xml);
      expect(`${err.message}\n${err.stack ?? ''}\n${JSON.stringify(err)}`).not.toContain(passwd);
    }
  });

  it('rejects a DOCTYPE that is cut short or misplaced', () => {
    expect(forbidden('<!DOCTYPE x [<!ENTITY a "b"').construct).toBe('doctype');
    expect(forbidden('<?xml version="1.0"?><!DOCTYPE').construct).toBe('doctype');
    expect(forbidden('<x><!DOCTYPE x></x>').construct).toBe('doctype');
    expect(forbidden('<x/><!DOCTYPE x>').construct).toBe('doctype');
  });

  it('is checked like the other parse options', () => {
    expect(() => parseXml('<x/>', { doctype: 'ignore' as 'reject' })).toThrow(/parse.doctype must be 'process' or 'reject'; got ignore/);
  });

  it('does not mistake DOCTYPE text in content for a declaration', () => {
    expect(parseXml('<x><![CDATA[<!DOCTYPE x>]]><!-- <!DOCTYPE y> --></x>', { doctype: 'reject' }).root.text()).toBe('<!DOCTYPE x>');
  });
});
