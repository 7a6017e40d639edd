import { describe, expect, it } from 'vitest';
import { generateApplication } from '../../src/demo/index.js';
import { parseXml } from '../../src/xml/index.js';

type Variant = 'none' | 'default' | 'prefixed';

function variantOf(xml: string): Variant {
  if (xml.includes('<ca:Application xmlns:ca="urn:example:credit-application:v2"')) return 'prefixed';
  if (xml.includes('<Application xmlns="urn:example:credit-application:v2"')) return 'default';
  return 'none';
}

describe('namespace variants', () => {
  const docs = Array.from({ length: 300 }, (_, i) => generateApplication(i + 1)).filter((a) => a.kind === 'valid');

  it('all three occur: no namespace, a default namespace, and ca:/cr: prefixes', () => {
    const seen = new Map<Variant, number>();
    for (const a of docs) seen.set(variantOf(a.xml), (seen.get(variantOf(a.xml)) ?? 0) + 1);
    expect(seen.get('none')).toBeGreaterThan(30);
    expect(seen.get('default')).toBeGreaterThan(30);
    expect(seen.get('prefixed')).toBeGreaterThan(30);
  });

  it('resolves each variant to the namespaces it declares, the bureau report in its own', () => {
    for (const a of docs) {
      const root = parseXml(a.xml).root;
      const report = root.child('CreditReport');
      const variant = variantOf(a.xml);
      expect(root.local).toBe('Application');
      expect(root.name).toBe(variant === 'prefixed' ? 'ca:Application' : 'Application');
      expect(root.uri).toBe(variant === 'none' ? '' : 'urn:example:credit-application:v2');
      expect(report?.name).toBe(variant === 'prefixed' ? 'cr:CreditReport' : 'CreditReport');
      expect(report?.uri).toBe(variant === 'none' ? '' : 'urn:example:bureau-report:v1');
      expect(root.value('@id')).toBe(String(a.appId));
    }
  });
});
