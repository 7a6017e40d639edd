import { describe, expect, it } from 'vitest';
import { inferFrom } from './infer-from.js';

const docs = [
  `<a:App xmlns:a="urn:app:v2" xmlns:b="urn:bureau" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:app:v2 app.xsd"><a:Name>Ana</a:Name><b:Score b:model="x">7</b:Score></a:App>`,
  `<App xmlns="urn:app:v2"><Name>Bo</Name><Score xmlns="urn:bureau" model="y">8</Score></App>`,
  `<App><Name>Cy</Name><Score model="z">9</Score></App>`,
];

describe('inference: namespaces', () => {
  it('merges elements by local name whatever their prefix or namespace, as mapping paths match them', async () => {
    const { mapping, paths } = await inferFrom(docs);
    const columns = mapping.tables.app!.columns;
    expect(Object.keys(columns)).toEqual(['record_key', 'name', 'score', 'score_model', 'score_model_2']);
    expect(columns).toMatchObject({ name: { path: 'Name', type: 'text', nullable: false }, score: { path: 'Score', type: 'integer', nullable: false } });
    expect(paths.find((p) => p.path === '/App/Score')!.notes).toEqual([
      'seen in namespaces "urn:bureau" and ""; paths match by local name, so all of them load here',
    ]);
    expect(paths.find((p) => p.path === '/App')!.notes[0]).toMatch(/^seen in namespaces "urn:app:v2" and ""/);
    // Said once where the mix starts, not on every element below.
    expect(paths.find((p) => p.path === '/App/Name')!.notes).toEqual([]);
  });

  it('leaves namespace declarations and xsi: attributes out, and keeps prefixed attributes as written', async () => {
    const { mapping } = await inferFrom(docs);
    const columns = Object.values(mapping.tables.app!.columns).map((c) => c.path);
    expect(columns).not.toContain('@xsi:schemaLocation');
    expect(columns.filter((p) => p?.startsWith('@xmlns'))).toEqual([]);
    expect(columns).toEqual(expect.arrayContaining(['Score/@b:model', 'Score/@model']));
  });
});
