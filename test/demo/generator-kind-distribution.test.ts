import { describe, expect, it } from 'vitest';
import { generateApplication } from '../../src/demo/index.js';

describe('the share of bad records over appIds 1..20000', () => {
  const counts = { valid: 0, 'bad-value': 0, malformed: 0 };
  const flaws = new Map<string, number>();
  const badColumns = new Set<string>();
  for (let id = 1; id <= 20_000; id++) {
    const app = generateApplication(id);
    counts[app.kind]++;
    if (app.kind === 'malformed') flaws.set(app.defect.flaw, (flaws.get(app.defect.flaw) ?? 0) + 1);
    if (app.kind === 'bad-value') badColumns.add(`${app.defect.table}.${app.defect.column}`);
  }

  it('has about 1% bad-value and 0.5% malformed records, the rest valid', () => {
    expect(counts['bad-value'] / 20_000).toBeGreaterThanOrEqual(0.007);
    expect(counts['bad-value'] / 20_000).toBeLessThanOrEqual(0.013);
    expect(counts.malformed / 20_000).toBeGreaterThanOrEqual(0.003);
    expect(counts.malformed / 20_000).toBeLessThanOrEqual(0.007);
    expect(counts.valid + counts['bad-value'] + counts.malformed).toBe(20_000);
  });

  it('breaks documents in all four ways and spoils dates, decimals and integers in several tables', () => {
    expect([...flaws.keys()].sort()).toEqual(['bare-ampersand', 'mismatched-tag', 'truncated', 'unclosed-tag']);
    expect(badColumns).toContain('app_base.birth_date');
    expect(badColumns).toContain('app_base.requested_amount');
    expect(badColumns).toContain('app_base.term_months');
    expect(badColumns).toContain('app_tradeline.opened_date');
    expect(badColumns).toContain('app_tradeline.balance');
  });

  it('gives expected rows only to valid records', () => {
    for (let id = 1; id <= 2000; id++) {
      const app = generateApplication(id);
      expect(app.expected === null).toBe(app.kind !== 'valid');
      expect(app.defect === null).toBe(app.kind === 'valid');
    }
  });
});
