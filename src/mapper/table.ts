import type { ColumnDef } from './column.js';

/** A target table as a mapper declares it. Column order is the order of the object's keys. */
export interface TableDef<C extends Record<string, ColumnDef> = Record<string, ColumnDef>> {
  readonly columns: C;
  /** Primary key columns; adapters create the constraint. */
  readonly primaryKey?: readonly (keyof C & string)[];
  /** Extra indexes to create with `sluice init`. */
  readonly indexes?: readonly (readonly (keyof C & string)[])[];
  /**
   * The column that holds the record key (`ctx.key`) in every row: `reprocess` deletes a
   * record's previous rows by it before inserting the new ones. Required by `reprocess`.
   */
  readonly keyColumn?: keyof C & string;
}

/** A table definition with its name resolved, as the core and adapters use it. */
export interface TableSchema {
  readonly name: string;
  readonly columns: readonly ({ readonly name: string } & ColumnDef)[];
  readonly primaryKey: readonly string[];
  readonly indexes: readonly (readonly string[])[];
  /** The column holding the record key, if the mapper declares it (`reprocess` needs it). */
  readonly keyColumn?: string;
}

/** Tables keyed by name, in creation order. */
export type Tables = Record<string, TableDef>;

/** Resolves a mapper's `tables` object into an ordered list of schemas. */
export function toSchemas(tables: Tables): TableSchema[] {
  return Object.entries(tables).map(([name, t]) => ({
    name,
    columns: Object.entries(t.columns).map(([cname, c]) => ({ name: cname, ...c })),
    primaryKey: t.primaryKey ?? [],
    indexes: t.indexes ?? [],
    ...(t.keyColumn !== undefined && { keyColumn: t.keyColumn }),
  }));
}
