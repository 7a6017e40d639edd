import { column } from '../../src/mapper/column.js';
import { toSchemas } from '../../src/mapper/table.js';
import { RowCollector } from '../../src/worker/row-collector.js';

/** The tables a worker collects for in these tests: a person and their phones. */
export const SCHEMAS = toSchemas({
  person: { columns: { id: column.integer(), name: column.text(), born: column.date({ nullable: true }) } },
  phone: { columns: { person_id: column.integer(), number: column.text() } },
});

/** A collector for a task of n records, as a worker makes one. */
export const collector = (n: number) => new RowCollector(SCHEMAS, n);

/** Rows of table t of a result, as arrays of column values. */
export function rowsOf(c: RowCollector, t: number): unknown[][] {
  const table = c.result()[t]!;
  const width = SCHEMAS[t]!.columns.length;
  const out: unknown[][] = [];
  for (let i = 0; i < table.values.length; i += width) out.push(table.values.slice(i, i + width));
  return out;
}
