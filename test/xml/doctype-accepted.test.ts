import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';

describe('a DOCTYPE is accepted, as libxml2 and defusedxml accept it', () => {
  it.each([
    ['no DTD at all', '<!DOCTYPE doc>\n<doc>x</doc>'],
    ['an external DTD, never read (CLDR)', '<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE ldml SYSTEM "../../common/dtd/ldml.dtd">\n<doc>x</doc>'],
    ['a public identifier', '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><doc>x</doc>'],
    ['an empty internal subset', '<!DOCTYPE doc [ ]><doc>x</doc>'],
    ['comments and processing instructions before and inside it', '<?xml version="1.0"?><!-- c --><?pi x?>\n<!DOCTYPE doc [<!-- a ] > comment --><?keep this?>]>\n<doc>x</doc>'],
  ])('%s', (_, xml) => {
    expect(parseXml(xml).root.text()).toBe('x');
  });

  it('an internal subset of element, attribute-list and notation declarations (kanjidic2, shared-mime-info)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE kanjidic2 [
\t<!-- Version 1.6 -->
<!ELEMENT kanjidic2 (header,character*)>
<!ELEMENT character (literal,codepoint, radical, misc, dic_number?, query_code?, reading_meaning?)*>
<!ELEMENT literal (#PCDATA)>
<!ELEMENT mixed (#PCDATA | b | i)*>
<!ELEMENT nothing EMPTY>
<!ELEMENT anything ANY>
<!ELEMENT nested ((a | b)+, (c, d)?)>
<!ATTLIST cp_value cp_type CDATA #REQUIRED>
<!ATTLIST generic-icon name (application-x-executable | audio-x-generic) #REQUIRED>
<!ATTLIST pic src ENTITY #IMPLIED kind NOTATION (gif | png) #IMPLIED id ID #IMPLIED refs IDREFS #IMPLIED>
<!NOTATION gif PUBLIC "-//GIF//EN">
<!NOTATION png SYSTEM "image/png">
<!ENTITY logo SYSTEM "logo.gif" NDATA gif>
<!ENTITY % unused "<!ELEMENT x EMPTY>">
]>
<kanjidic2><character><literal>亜</literal></character></kanjidic2>`;
    expect(parseXml(xml).root.value('character/literal')).toBe('亜');
  });

  it('quoted > and ] inside the subset do not end it', () => {
    const xml = `<!DOCTYPE doc [<!ENTITY gt2 "]>"><!ATTLIST doc a CDATA ']]>'>]><doc>&gt2;</doc>`;
    const { root } = parseXml(xml);
    expect(root.text()).toBe(']>');
    expect(root.attr('a')).toBe(']]>');
  });
});
