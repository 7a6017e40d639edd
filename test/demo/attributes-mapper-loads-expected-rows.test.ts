import { describe, expect, it } from 'vitest';
import attributesMapper from '../../examples/credit-app/attributes-mapper.js';
import { SluiceConversionError } from '../../src/core/errors.js';
import { generateApplication, type DocumentSize } from '../../src/demo/index.js';
import type { Mapper } from '../../src/mapper/mapper.js';
import { toSchemas } from '../../src/mapper/table.js';
import { RowCollector } from '../../src/worker/row-collector.js';
import { parseXml, XmlSyntaxError } from '../../src/xml/index.js';

// The example imports 'sluice/mapper'; seen through the source types, so it takes documents from src/xml.
const mapper = attributesMapper as unknown as Mapper;
const schemas = toSchemas(mapper.tables);

/** Parses and maps one document through the workers' own row collector; returns its rows by table. */
function load(xml: string, key: number): Record<string, Record<string, unknown>[]> {
  const rows = new RowCollector(schemas, 1);
  rows.begin(key);
  mapper.map(parseXml(xml), rows);
  rows.end(0, true);
  const result = rows.result();
  return Object.fromEntries(
    schemas.map((s, t) => {
      const values = result[t]!.values;
      const n = s.columns.length;
      const out: Record<string, unknown>[] = [];
      for (let r = 0; r < values.length; r += n) out.push(Object.fromEntries(s.columns.map((c, j) => [c.name, values[r + j]])));
      return [s.name, out];
    }),
  );
}

function failure(xml: string, key: number): unknown {
  try {
    load(xml, key);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('the attribute-shape credit-application mapper', () => {
  it.each<[DocumentSize, number]>([
    ['medium', 400],
    ['small', 300],
    ['large', 20],
  ])('loads exactly the generator’s rows for every valid %s document', (size, count) => {
    let checked = 0;
    for (let id = 1; id <= count; id++) {
      const app = generateApplication(id, { size, shape: 'attributes' });
      if (app.kind !== 'valid') continue;
      expect(load(app.xml, id), `app ${id}`).toStrictEqual(app.expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(count * 0.95);
  });

  it('fails a bad-value document naming table.column, the XML path with indexes and the value; a malformed one with line:column', () => {
    const columns = new Set<string>();
    let malformed = 0;
    for (let id = 1; id <= 6000; id++) {
      const app = generateApplication(id, { shape: 'attributes' });
      if (app.kind === 'valid') continue;
      const error = failure(app.xml, id);
      if (app.kind === 'malformed') {
        expect(error, `app ${id}`).toBeInstanceOf(XmlSyntaxError);
        expect((error as Error).message).toMatch(/^\d+:\d+: /);
        malformed++;
        continue;
      }
      expect(error, `app ${id}`).toBeInstanceOf(SluiceConversionError);
      const e = error as SluiceConversionError;
      expect({ table: e.table, column: e.column, path: e.path, value: e.value }).toStrictEqual(app.defect);
      columns.add(app.defect.column);
    }
    expect(columns.size).toBe(8);
    expect(malformed).toBeGreaterThan(10);
  });
});
