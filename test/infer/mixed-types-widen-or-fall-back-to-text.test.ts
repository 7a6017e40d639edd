import { describe, expect, it } from 'vitest';
import { inferFrom } from './infer-from.js';

const doc = (v: Record<string, string>) => `<R>${Object.entries(v).map(([k, x]) => `<${k}>${x}</${k}>`).join('')}</R>`;
const docs = [
  doc({ Small: '12', Big: '3000000000', Amount: '12', Rate: '1e-3', Day: '2024-02-29', At: '2024-02-29', Ok: 'true', Code: '12', Zip: '00123', Huge: '123456789012345678901', Note: 'short' }),
  doc({ Small: '-7', Big: '4', Amount: '123456.789', Rate: '2', Day: '2024-03-01', At: '2024-03-01T10:00:00Z', Ok: 'No', Code: 'N/A', Zip: '12345', Huge: '1', Note: 'x'.repeat(30) }),
];

describe('inference: column types from the values seen', () => {
  it('picks the narrowest type that holds every value', async () => {
    const c = (await inferFrom(docs)).mapping.tables.r!.columns;
    expect(c.small).toMatchObject({ type: 'integer' });
    expect(c.big).toMatchObject({ type: 'bigint' });
    expect(c.amount).toMatchObject({ type: 'decimal', precision: 18, scale: 3 });
    expect(c.rate).toMatchObject({ type: 'number' });
    expect(c.day).toMatchObject({ type: 'date' });
    expect(c.at).toMatchObject({ type: 'timestamp' });
    expect(c.ok).toMatchObject({ type: 'boolean' });
    expect(c.huge).toMatchObject({ type: 'decimal', precision: 21, scale: 0 });
  });

  it('falls back to text on a conflict, and says which values caused it', async () => {
    const { mapping, paths } = await inferFrom(docs);
    expect(mapping.tables.r!.columns.code).toMatchObject({ type: 'text' });
    const code = paths.find((p) => p.path === '/R/Code')!;
    expect(code.kinds).toEqual({ integer: 1, text: 1 });
    expect(code.notes).toEqual(['integer (1, e.g. "12") and text (1, e.g. "N/A") → text']);
  });

  it('keeps numbers with leading zeros as text, and sizes text at four times the longest value, rounded up', async () => {
    const c = (await inferFrom(docs)).mapping.tables.r!.columns;
    expect(c.zip).toMatchObject({ type: 'text', maxLength: 50 });
    expect(c.note).toMatchObject({ type: 'text', maxLength: 255 });
  });
});

describe('inference: text that is long in the sample', () => {
  it('has no length limit: a longer value in an unseen record must not fail it', async () => {
    const c = (await inferFrom([doc({ Long: 'y'.repeat(600) }), doc({ Long: 'z' })])).mapping.tables.r!.columns;
    expect(c.long).toMatchObject({ type: 'text' });
    expect(c.long).not.toHaveProperty('maxLength');
  });
});
