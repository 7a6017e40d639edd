import type { RecordKey } from '../core/record.js';
import type { XmlDocument } from '../xml/index.js';
import type { XmlField } from '../xml/index.js';
import type { TableDef, Tables } from './table.js';

/** A value a mapper may put in a column; XmlField carries its XML path into conversion errors. */
export type CellInput = string | number | boolean | bigint | Date | XmlField | null | undefined;

/** A row for a table: its columns, each optional (absent means NULL). */
export type RowInput<T extends TableDef> = { readonly [K in keyof T['columns']]?: CellInput };

/** What `map` receives besides the document. */
export interface MapContext<T extends Tables = Tables> {
  /** The record key. */
  readonly key: RecordKey;
  /** Adds a row to a table; values are converted to the column types here, in the worker. */
  emit<N extends keyof T & string>(table: N, row: RowInput<T[N]>): void;
  /** Ends the record as `skipped` (on purpose, not an error); rows emitted so far are dropped. */
  skip(reason?: string): void;
}

/** A user mapper: the tables it writes and a function from one XML document to rows. */
export interface Mapper<T extends Tables = Tables> {
  readonly tables: T;
  /**
   * Emits the rows of one document with `ctx.emit` (or ends it with `ctx.skip`) before it
   * returns: the record is logged when `map` returns, so rows emitted after an `await` would be
   * lost. A `map` that returns a Promise is a type error, and stops the run if it gets that far.
   */
  // `void | undefined`, not `void`: TypeScript lets a function that returns a Promise stand in
  // for one that returns `void`, but not for one that returns `void | undefined`.
  map(doc: XmlDocument, ctx: MapContext<T>): void | undefined;
}

/**
 * Declares a mapper. Put it as the default export of a module; Sluice loads that module by
 * path inside its worker threads (`.ts` files work as they are). Import it from `sluice/mapper`,
 * which loads only the mapping API: every worker thread imports the module.
 *
 * @example
 * ```ts
 * // mapper.ts
 * import { defineMapper, column } from 'sluice/mapper';
 *
 * export default defineMapper({
 *   tables: {
 *     person: { columns: { id: column.integer(), name: column.text(), born: column.date({ nullable: true }) }, primaryKey: ['id'] },
 *   },
 *   map(doc, ctx) {
 *     const p = doc.root;
 *     ctx.emit('person', { id: ctx.key, name: p.field('Name'), born: p.field('BirthDate') });
 *   },
 * });
 * ```
 */
export function defineMapper<const T extends Tables>(mapper: Mapper<T> & { readonly tables: KeyColumnsOf<T> }): Mapper<T> {
  return mapper;
}

/** Each table's `keyColumn`, if given, is one of its own columns (checked by the compiler). */
type KeyColumnsOf<T extends Tables> = { readonly [K in keyof T]: { readonly keyColumn?: keyof T[K]['columns'] & string } };
