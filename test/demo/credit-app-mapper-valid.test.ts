import { describe, expect, it } from 'vitest';
import creditAppMapper from '../../examples/credit-app/mapper.js';
import { generateApplication, type DocumentSize } from '../../src/demo/index.js';
import { convertCell } from '../../src/mapper/convert.js';
import type { MapContext, Mapper } from '../../src/mapper/mapper.js';
import { parseXml } from '../../src/xml/index.js';

// The example imports 'sluice'; seen through the source types, so it takes documents from src/xml.
const mapper = creditAppMapper as unknown as Mapper;

type Rows = Record<string, Record<string, unknown>[]>;

/** Runs the mapper as a worker would: parse, map, convert every cell through convertCell. */
function load(xml: string, key: number): Rows {
  const tables = mapper.tables;
  const rows: Rows = Object.fromEntries(Object.keys(tables).map((t) => [t, []]));
  const ctx: MapContext = {
    key,
    emit(table, row: Readonly<Record<string, unknown>>) {
      const def = tables[table];
      if (!def) throw new Error(`mapper emitted undeclared table ${table}`);
      for (const name in row) if (!(name in def.columns)) throw new Error(`mapper emitted unknown column ${table}.${name}`);
      const out: Record<string, unknown> = {};
      for (const [name, col] of Object.entries(def.columns)) out[name] = convertCell(row[name], { ...col, name }, table);
      rows[table]!.push(out);
    },
    skip(reason) {
      throw new Error(`mapper skipped: ${reason ?? ''}`);
    },
  };
  mapper.map(parseXml(xml), ctx);
  return rows;
}

function checkValid(size: DocumentSize, count: number): number {
  let checked = 0;
  for (let id = 1; id <= count; id++) {
    const app = generateApplication(id, { size });
    if (app.kind !== 'valid') continue;
    expect(load(app.xml, id), `${size} app ${id}`).toStrictEqual(app.expected);
    checked++;
  }
  return checked;
}

describe('the credit-application mapper on valid documents', () => {
  it('loads exactly the expected rows for every valid medium document among appIds 1..2000', () => {
    expect(checkValid('medium', 2000)).toBeGreaterThan(1950);
  });

  it('does the same for small and large documents', () => {
    expect(checkValid('small', 500)).toBeGreaterThan(480);
    expect(checkValid('large', 60)).toBeGreaterThan(55);
  });

  it('declares the five tables with their primary keys', () => {
    const tables = creditAppMapper.tables;
    expect(Object.keys(tables)).toEqual(['app_base', 'app_contact', 'app_address', 'app_employment', 'app_tradeline']);
    expect(tables.app_base.primaryKey).toEqual(['app_id']);
    for (const t of ['app_contact', 'app_address', 'app_employment', 'app_tradeline'] as const) {
      expect(tables[t].primaryKey).toEqual(['app_id', 'seq']);
    }
  });
});
