// Maps documents both ways, for the extractor tests: with the compiled extractor, and through
// the element tree (the mapping's `map`), each into a RowCollector as the worker does.
import { defineMapping, parseXml, type MappingSpec } from 'sluice';
import { compileMapping } from '../../src/mapper/mapping-extractor.js';
import { toSchemas } from '../../src/mapper/table.js';
import { RowCollector } from '../../src/worker/row-collector.js';

export interface Mapped {
  /** Rows by table, in the mapping's order; undefined when the record failed. */
  readonly rows: unknown[][] | undefined;
  /** The failure's message. */
  readonly error?: string;
}

function collect(spec: MappingSpec, key: number | string, run: (rows: RowCollector) => void): Mapped {
  const tables = defineMapping(spec).tables;
  const schemas = toSchemas(tables);
  const rows = new RowCollector(schemas, 1);
  rows.begin(key);
  try {
    run(rows);
  } catch (error) {
    return { rows: undefined, error: (error as Error).message };
  }
  rows.end(0, true);
  return { rows: rows.result().map((t) => t.values) };
}

/** The rows through the extractor; throws when the mapping does not compile. */
export function extracted(spec: MappingSpec, xml: string | Uint8Array, key: number | string = 1): Mapped {
  const extract = compileMapping(spec);
  if (!extract) throw new Error('the mapping did not compile into an extractor');
  return collect(spec, key, (rows) => extract(xml, {}, rows));
}

/** The rows through the element tree. */
export function throughTree(spec: MappingSpec, xml: string | Uint8Array, key: number | string = 1): Mapped {
  const mapper = defineMapping(spec);
  return collect(spec, key, (rows) => mapper.map(parseXml(xml), rows));
}
