import { describe, expect, it } from 'vitest';
import { inferFrom } from './infer-from.js';

const docs = [
  `<R id="1" kind="a"><Name>Ana</Name><Born>1990-01-01</Born><Extra><Score>3</Score></Extra><Memo></Memo></R>`,
  `<R id="2"><Name>Bo</Name><Born></Born><Memo/></R>`,
];

describe('inference: nullability', () => {
  it('makes a column nullable when some sample lacks it, or when an empty value must become NULL', async () => {
    const { mapping, paths } = await inferFrom(docs);
    const c = mapping.tables.r!.columns;
    expect(c.id).toMatchObject({ nullable: false });
    expect(c.name).toMatchObject({ nullable: false });
    expect(c.kind).toMatchObject({ nullable: true });
    // An empty date cannot load as a date: NULL it is.
    expect(c.born).toMatchObject({ type: 'date', nullable: true });
    // Score is always present in Extra, but Extra is absent from the second record.
    expect(c.score).toMatchObject({ type: 'integer', nullable: true });
    // An always-empty text element loads as '' and needs no NULL.
    expect(c.memo).toMatchObject({ type: 'text', nullable: false });
    expect(paths.find((p) => p.path === '/R/@kind')!.evidence).toEqual({ kind: 'samples', present: 1, of: 2, maxRepeats: 1 });
  });
});
