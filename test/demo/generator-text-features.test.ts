import { describe, expect, it } from 'vitest';
import { generateApplication, type ExpectedRow } from '../../src/demo/index.js';

const docs = Array.from({ length: 500 }, (_, i) => generateApplication(i + 1)).flatMap((a) => (a.kind === 'valid' ? [a] : []));
const NON_ASCII = /[^\x00-\x7f]/;

function values(rows: readonly ExpectedRow[], column: string): string[] {
  return rows.map((r) => r[column]).filter((v): v is string => typeof v === 'string');
}

describe('text the XML layer has to decode', () => {
  it('has Unicode names, including CJK, in the XML and in the expected rows', () => {
    const lastNames = docs.flatMap((a) => values(a.expected.app_base, 'last_name'));
    expect(lastNames.filter((n) => NON_ASCII.test(n)).length).toBeGreaterThan(50);
    expect(lastNames.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    const withUnicode = docs.filter((a) => NON_ASCII.test(a.xml));
    expect(withUnicode.length).toBeGreaterThan(docs.length / 4);
  });

  it('escapes & and apostrophes as entities, and the expected rows hold the decoded text', () => {
    expect(docs.some((a) => a.xml.includes('&amp;'))).toBe(true);
    expect(docs.some((a) => a.xml.includes('&apos;'))).toBe(true);
    const employers = docs.flatMap((a) => values(a.expected.app_employment, 'employer'));
    const creditors = docs.flatMap((a) => values(a.expected.app_tradeline, 'creditor'));
    expect(employers).toContain('Smith & Sons Plumbing');
    expect(creditors).toContain('Harbor & Main Credit Union');
    expect(docs.flatMap((a) => values(a.expected.app_base, 'last_name'))).toContain("O'Brien");
    for (const v of [...employers, ...creditors]) expect(v).not.toMatch(/&(amp|apos|lt|gt|quot);/);
  });

  it('uses CDATA sections for notes and for employer names with < and & inside', () => {
    expect(docs.filter((a) => a.xml.includes('<![CDATA[')).length).toBeGreaterThan(docs.length / 4);
    const cdataEmployers = docs.filter((a) => /<([a-z]+:)?Name><!\[CDATA\[/.test(a.xml));
    expect(cdataEmployers.length).toBeGreaterThan(0);
    const employers = docs.flatMap((a) => values(a.expected.app_employment, 'employer'));
    expect(employers).toContain('R&D <Skunkworks> LLC');
  });

  it('leaves optional values out of some documents, so they load as NULL', () => {
    const base = docs.flatMap((a) => a.expected.app_base);
    expect(base.some((r) => r.email === null)).toBe(true);
    expect(base.some((r) => r.email !== null)).toBe(true);
    const addresses = docs.flatMap((a) => a.expected.app_address);
    expect(addresses.some((r) => r.line2 === null) && addresses.some((r) => r.line2 !== null)).toBe(true);
    expect(addresses.some((r) => r.years_at_address === null)).toBe(true);
    const tradelines = docs.flatMap((a) => a.expected.app_tradeline);
    expect(tradelines.some((r) => r.credit_limit === null) && tradelines.some((r) => r.credit_limit !== null)).toBe(true);
    const jobs = docs.flatMap((a) => a.expected.app_employment);
    expect(jobs.some((r) => r.end_date === null) && jobs.some((r) => r.end_date !== null)).toBe(true);
  });
});
