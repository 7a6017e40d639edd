import { describe, expect, it } from 'vitest';
import creditAppMapper from '../../examples/credit-app/mapper.js';
import { SluiceConversionError } from '../../src/core/errors.js';
import { generateApplication } from '../../src/demo/index.js';
import { convertCell } from '../../src/mapper/convert.js';
import type { MapContext, Mapper } from '../../src/mapper/mapper.js';
import { parseXml } from '../../src/xml/index.js';

// The example imports 'sluice'; seen through the source types, so it takes documents from src/xml.
const mapper = creditAppMapper as unknown as Mapper;

/** Runs the mapper as a worker would, converting every cell through convertCell; returns the error it throws. */
function loadError(xml: string, key: number): unknown {
  const tables = mapper.tables;
  const ctx: MapContext = {
    key,
    emit(table, row: Readonly<Record<string, unknown>>) {
      const def = tables[table];
      if (!def) throw new Error(`mapper emitted undeclared table ${table}`);
      for (const [name, col] of Object.entries(def.columns)) convertCell(row[name], { ...col, name }, table);
    },
    skip(reason) {
      throw new Error(`mapper skipped: ${reason ?? ''}`);
    },
  };
  try {
    mapper.map(parseXml(xml), ctx);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('the credit-application mapper on bad-value documents', () => {
  it('fails each one with a SluiceConversionError naming the table.column, the XML path and the value', () => {
    let checked = 0;
    const variants = new Set<string>();
    for (let id = 1; id <= 20_000; id++) {
      const app = generateApplication(id);
      if (app.kind !== 'bad-value') continue;
      const error = loadError(app.xml, id);
      expect(error, `app ${id}`).toBeInstanceOf(SluiceConversionError);
      const e = error as SluiceConversionError;
      expect(e.message).toContain(app.defect.path);
      expect(e.message).toContain(`${app.defect.table}.${app.defect.column}:`);
      expect(e.message).toContain(JSON.stringify(app.defect.value));
      expect({ table: e.table, column: e.column, path: e.path, value: e.value }).toStrictEqual(app.defect);
      variants.add(app.defect.path.split('/')[1] ?? '');
      checked++;
    }
    expect(checked).toBeGreaterThan(140);
    // The same failure is found whatever namespace style the document uses.
    expect(variants).toEqual(new Set(['Application', 'ca:Application']));
  });

  it('names the repeated element by its position when there are siblings', () => {
    const paths: string[] = [];
    for (let id = 1; id <= 20_000 && paths.length < 5; id++) {
      const app = generateApplication(id);
      if (app.kind === 'bad-value' && app.defect.table === 'app_tradeline') paths.push(app.defect.path);
    }
    expect(paths.length).toBe(5);
    expect(paths.some((p) => /Tradeline\[\d+\]\//.test(p))).toBe(true);
  });
});
