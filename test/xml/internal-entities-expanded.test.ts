import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';

describe('internal general entities are expanded (XML 1.0 §4.4)', () => {
  it('plain text, in content and in attribute values, nested', () => {
    const { root } = parseXml(`<!DOCTYPE doc [
<!ENTITY n "noun (common)">
<!ENTITY both "&n; &amp; more">
]><doc kind="&both;">a &n; b</doc>`);
    expect(root.text()).toBe('a noun (common) b');
    expect(root.attr('kind')).toBe('noun (common) & more');
  });

  it('markup in the replacement text becomes elements of the current element, namespaces in scope', () => {
    const { root } = parseXml(`<!DOCTYPE doc [
<!ENTITY sig "<p:b>Jane &amp; <p:i>Joe</p:i></p:b>">
]><doc xmlns:p="urn:p">Regards, &sig;!</doc>`);
    expect(root.text()).toBe('Regards, !');
    expect(root.get('b')!.uri).toBe('urn:p');
    expect(root.value('b')).toBe('Jane & ');
    expect(root.value('b/i')).toBe('Joe');
  });

  it('character references in an entity value are expanded when it is declared (the example of XML 1.0 appendix D)', () => {
    const { root } = parseXml(`<!DOCTYPE test [
<!ENTITY example "<p>An ampersand (&#38;#38;) may be escaped numerically (&#38;#38;#38;) or with a general entity (&amp;amp;).</p>" >
]><test>&example;</test>`);
    expect(root.value('p')).toBe('An ampersand (&) may be escaped numerically (&#38;) or with a general entity (&amp;).');
  });

  it('white space from an entity in an attribute value is normalized to spaces, as XML 1.0 §3.3.3 says', () => {
    // &#10; is expanded when the entity is declared, so it is a literal newline by the time the
    // attribute is normalized; &#38;#10; survives declaration as a reference.
    const { root } = parseXml('<!DOCTYPE doc [<!ENTITY ws "a\tb\nc&#10;d&#38;#10;e">]><doc v="&ws;"/>');
    expect(root.attr('v')).toBe('a b c d\ne');
  });

  it('CDATA and comments inside an entity', () => {
    const { root } = parseXml('<!DOCTYPE doc [<!ENTITY c "<![CDATA[<raw>]]><!-- note -->x">]><doc>&c;</doc>');
    expect(root.text()).toBe('<raw>x');
  });

  it('the first declaration of an entity binds; redeclaring a predefined one changes nothing', () => {
    const { root } = parseXml('<!DOCTYPE doc [<!ENTITY e "first"><!ENTITY e "second"><!ENTITY lt "&#38;#60;">]><doc>&e; &lt;</doc>');
    expect(root.text()).toBe('first <');
  });

  it('parameter entities of the internal subset declare entities where declarations may be', () => {
    const { root } = parseXml(`<!DOCTYPE doc [<!ENTITY % decls "<!ENTITY who 'world'>"> %decls;]><doc>hello &who;</doc>`);
    expect(root.text()).toBe('hello world');
  });
});
