import { describe, expect, it } from 'vitest';
import { CREDIT_APP_TABLES, generateApplication, type DocumentSize, type ExpectedRows } from '../../src/demo/index.js';

function validRows(size: DocumentSize, count: number): ExpectedRows[] {
  const out: ExpectedRows[] = [];
  for (let id = 1; id <= count; id++) {
    const app = generateApplication(id, { size });
    if (app.kind === 'valid') out.push(app.expected);
  }
  return out;
}

const total = (rows: ExpectedRows): number => CREDIT_APP_TABLES.reduce((n, t) => n + rows[t].length, 0);

describe('rows per document', () => {
  it('a medium document maps to about 12 rows: 1 base, 1-3 contacts and addresses, 0-3 employers, ~5 tradelines', () => {
    const docs = validRows('medium', 2000);
    const average = docs.reduce((n, r) => n + total(r), 0) / docs.length;
    expect(average).toBeGreaterThanOrEqual(10.5);
    expect(average).toBeLessThanOrEqual(13.5);
    const tradelines = docs.reduce((n, r) => n + r.app_tradeline.length, 0) / docs.length;
    expect(tradelines).toBeGreaterThanOrEqual(4.5);
    expect(tradelines).toBeLessThanOrEqual(6);
    for (const r of docs) {
      expect(r.app_base).toHaveLength(1);
      expect(r.app_contact.length).toBeGreaterThanOrEqual(1);
      expect(r.app_contact.length).toBeLessThanOrEqual(3);
      expect(r.app_address.length).toBeGreaterThanOrEqual(1);
      expect(r.app_address.length).toBeLessThanOrEqual(3);
      expect(r.app_employment.length).toBeLessThanOrEqual(3);
    }
    expect(docs.some((r) => r.app_employment.length === 0)).toBe(true);
  });

  it('small documents have 1-2 tradelines, large ones 20 or more', () => {
    for (const r of validRows('small', 300)) expect([1, 2]).toContain(r.app_tradeline.length);
    for (const r of validRows('large', 30)) expect(r.app_tradeline.length).toBeGreaterThanOrEqual(20);
  });

  it('numbers child rows 1..n per table, keyed by the appId', () => {
    for (let id = 1; id <= 300; id++) {
      const app = generateApplication(id);
      if (app.kind !== 'valid') continue;
      expect(app.expected.app_base[0]?.app_id).toBe(id);
      for (const t of CREDIT_APP_TABLES.slice(1)) {
        expect(app.expected[t].map((r) => r.seq)).toEqual(app.expected[t].map((_, i) => i + 1));
        for (const r of app.expected[t]) expect(r.app_id).toBe(id);
      }
    }
  });
});
