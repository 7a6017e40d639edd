import { XmlField, type XmlElement } from '../xml/index.js';
import type { ColumnDef } from './column.js';
import type { CellInput, Mapper } from './mapper.js';
import type { Tables } from './table.js';
import { compileMapping, EXTRACTOR, type MappingExtractor } from './mapping-extractor.js';

/** A column of a declarative mapping: its type and where its value comes from. */
export type MappedColumn = ColumnDef & {
  /** Path relative to the table's `from` element; last step may be `@attribute`. */
  readonly path?: string;
  /** `$key`: the record key; `$index`: 1-based position of the `from` element among all the elements `from` selects in the record. */
  readonly value?: '$key' | '$index';
  /**
   * With `value: '$index'`: the position of an enclosing element instead, among all the elements
   * this path selects (relative to the root, like `from`). In a nested table, `of` set to the
   * parent table's `from` gives the parent row's `$index`: the column that joins the two.
   */
  readonly of?: string;
  /** The same value in every row (a source system's name, a version). */
  readonly constant?: string | number | boolean | null;
  /** Text that is empty or only whitespace is NULL. Non-text columns always read empty text as NULL. @default false */
  readonly emptyAsNull?: boolean;
  /** With `path`: the value when the path selects nothing (no such element or attribute; with `emptyAsNull`, blank text too). */
  readonly default?: string | number | boolean;
};

/** One table of a declarative mapping. */
export interface MappedTable {
  /** Elements that make one row each, relative to the root element (`.` for the root itself). */
  readonly from: string;
  readonly columns: Readonly<Record<string, MappedColumn>>;
  readonly primaryKey?: readonly string[];
  /** The column that holds the record key (`value: '$key'`): reprocessing deletes a record's old rows by it. */
  readonly keyColumn?: string;
}

/** A mapping with no code: each table is filled from the elements at a path. */
export interface MappingSpec {
  readonly tables: Readonly<Record<string, MappedTable>>;
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
 *       keyColumn: 'app_id',
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
      const { path: _path, value: _value, of: _of, constant: _constant, emptyAsNull: _emptyAsNull, default: _default, ...def } = c;
      columns[cname] = def;
      const sources = [c.path !== undefined, c.value !== undefined, c.constant !== undefined].filter(Boolean).length;
      if (sources !== 1) throw new TypeError(`mapping ${name}.${cname}: give exactly one of path, value ('$key' or '$index') or constant`);
      if (c.default !== undefined && c.path === undefined) throw new TypeError(`mapping ${name}.${cname}: "default" goes with a path (the value when the path selects nothing)`);
      if (c.of !== undefined && c.value !== '$index') throw new TypeError(`mapping ${name}.${cname}: "of" goes with value '$index' (the position of an enclosing element)`);
    }
    if (t.keyColumn !== undefined && t.columns[t.keyColumn]?.value !== '$key') {
      throw new TypeError(`mapping ${name}: keyColumn "${t.keyColumn}" must be one of its columns, with value '$key'`);
    }
    tables[name] = { columns, ...(t.primaryKey && { primaryKey: t.primaryKey }), ...(t.keyColumn !== undefined && { keyColumn: t.keyColumn }) };
    return { name, from: t.from, columns: Object.entries(t.columns) };
  });
  // Compiled when a worker first reads it, not where only the tables are wanted (a mapping file's
  // check on the main thread, DDL); undefined where a path needs the tree.
  let extractor: MappingExtractor | undefined | null = null;
  const mapper: Mapper & { readonly [EXTRACTOR]: MappingExtractor | undefined } = {
    tables,
    // Documents are read without their element tree where every path allows (mapping-extractor.ts).
    get [EXTRACTOR](): MappingExtractor | undefined {
      return extractor === null ? (extractor = compileMapping(spec)) : extractor;
    },
    map(doc, ctx) {
      // Positions of enclosing elements (`of`), computed once per document and path.
      let positions: Map<string, Map<XmlElement, number>> | undefined;
      const positionOf = (el: XmlElement, of: string): number | undefined => {
        positions ??= new Map();
        let index = positions.get(of);
        if (!index) {
          index = new Map((of === '.' ? [doc.root] : doc.root.getAll(of)).map((e, i) => [e, i + 1]));
          positions.set(of, index);
        }
        for (let e: XmlElement | null = el; e !== null; e = e.parent) {
          const n = index.get(e);
          if (n !== undefined) return n;
        }
        return undefined;
      };
      for (const plan of plans) {
        const elements = plan.from === '.' ? [doc.root] : doc.root.getAll(plan.from);
        for (let i = 0; i < elements.length; i++) {
          const el = elements[i]!;
          const row: Record<string, CellInput> = {};
          for (const [cname, c] of plan.columns) {
            row[cname] =
              c.value === '$key' ? ctx.key
              : c.value === '$index' ? (c.of === undefined ? i + 1 : positionOf(el, c.of))
              : c.path === undefined ? c.constant
              : withDefault(c.emptyAsNull ? blankAsAbsent(el.field(c.path)) : el.field(c.path), c.default);
          }
          ctx.emit(plan.name, row);
        }
      }
    },
  };
  return mapper;
}

/** The column's default in place of a field that selected nothing. */
function withDefault(f: XmlField, value: MappedColumn['default']): CellInput {
  return value === undefined || f.value !== undefined ? f : value;
}

/** An empty or whitespace-only field as an absent one (NULL), keeping its path for error messages. */
function blankAsAbsent(f: XmlField): XmlField {
  return f.value === undefined || f.value.trim() !== '' ? f : new XmlField(undefined, f.path);
}
