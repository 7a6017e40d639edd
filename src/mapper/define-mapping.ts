import type { ColumnDef } from './column.js';
import type { CellInput, Mapper } from './mapper.js';
import type { Tables } from './table.js';

/** A column of a declarative mapping: its type and where its value comes from. */
export type MappedColumn = ColumnDef & {
  /** Path relative to the table's `from` element; last step may be `@attribute`. */
  readonly path?: string;
  /** `$key`: the record key; `$index`: 1-based position of the `from` element. */
  readonly value?: '$key' | '$index';
};

/** A mapping with no code: each table is filled from the elements at a path. */
export interface MappingSpec {
  readonly tables: Readonly<
    Record<
      string,
      {
        /** Elements that make one row each, relative to the root element (`.` for the root itself). */
        readonly from: string;
        readonly columns: Readonly<Record<string, MappedColumn>>;
        readonly primaryKey?: readonly string[];
      }
    >
  >;
}

/**
 * Builds a mapper from a declarative mapping (table ← path ← column type): the common case, no code.
 *
 * @example
 * ```ts
 * export default defineMapping({
 *   tables: {
 *     contact: {
 *       from: 'Contacts/Contact',
 *       columns: {
 *         app_id: { ...column.integer(), value: '$key' },
 *         seq: { ...column.integer(), value: '$index' },
 *         email: { ...column.text({ nullable: true }), path: 'Email' },
 *       },
 *     },
 *   },
 * });
 * ```
 */
export function defineMapping(spec: MappingSpec): Mapper {
  const tables: Tables = {};
  const plans = Object.entries(spec.tables).map(([name, t]) => {
    const columns: Record<string, ColumnDef> = {};
    for (const [cname, c] of Object.entries(t.columns)) {
      const { path: _path, value: _value, ...def } = c;
      columns[cname] = def;
      if (!c.path && !c.value) throw new TypeError(`mapping ${name}.${cname}: give a path or a value ('$key' or '$index')`);
    }
    tables[name] = { columns, ...(t.primaryKey && { primaryKey: t.primaryKey }) };
    return { name, from: t.from, columns: Object.entries(t.columns) };
  });
  return {
    tables,
    map(doc, ctx) {
      for (const plan of plans) {
        const elements = plan.from === '.' ? [doc.root] : doc.root.getAll(plan.from);
        for (let i = 0; i < elements.length; i++) {
          const el = elements[i]!;
          const row: Record<string, CellInput> = {};
          for (const [cname, c] of plan.columns) {
            row[cname] = c.value === '$key' ? ctx.key : c.value === '$index' ? i + 1 : el.field(c.path!);
          }
          ctx.emit(plan.name, row);
        }
      }
    },
  };
}
