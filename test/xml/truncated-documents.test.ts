import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, parseXml } from '../../src/xml/index.js';

// Every construct the parser has a state for: declaration, comment, PI, attributes with entities,
// text with entity and character references, CDATA, self-closing and prefixed elements.
const doc = `<?xml version="1.0" encoding="UTF-8"?>
<!-- credit application -->
<?app-version 3?>
<c:Application xmlns:c="urn:credit" id="A&amp;1" note='it&apos;s'>
  <c:Applicant>Zoë &lt;Å&gt; &#233;&#x263A; 😀</c:Applicant>
  <Notes><![CDATA[<raw> & ]] stuff]]></Notes>
  <Empty/>
</c:Application>`;

describe('truncated documents', () => {
  it('parses the whole document', () => {
    const root = parseXml(doc).root;
    expect(root.value('Applicant')).toBe('Zoë <Å> é☺ 😀');
    expect(root.value('Notes')).toBe('<raw> & ]] stuff');
    expect(root.attr('id')).toBe('A&1');
  });

  it('rejects every proper prefix with an XmlSyntaxError, never a partial document', () => {
    const outcomes = new Map<string, number>();
    for (let end = 0; end < doc.length; end++) {
      // Cutting inside a surrogate pair would make a different (invalid) string; the parser must still reject it.
      const prefix = doc.slice(0, end);
      let outcome: string;
      try {
        parseXml(prefix);
        outcome = `parsed at ${end}`;
      } catch (err) {
        outcome = err instanceof XmlSyntaxError && /^\d+:\d+: /.test(err.message) ? 'XmlSyntaxError' : `${String(err)} at ${end}`;
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ XmlSyntaxError: doc.length });
  });
});
