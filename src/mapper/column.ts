/** The column types a mapper can declare; each database adapter maps them to its own types. */
export type ColumnType = 'integer' | 'bigint' | 'number' | 'decimal' | 'text' | 'boolean' | 'date' | 'timestamp';

/** A typed column of a target table. */
export interface ColumnDef {
  readonly type: ColumnType;
  /** Whether NULL is allowed. @default false */
  readonly nullable: boolean;
  /** For `text`: the maximum length in characters (adapters use VARCHAR(n)); longer values fail the record. */
  readonly maxLength?: number;
  /** For `decimal`: total digits. @default 18 */
  readonly precision?: number;
  /** For `decimal`: digits after the point. @default 2 */
  readonly scale?: number;
  /** For `date` / `timestamp`: accepted input format besides ISO 8601. */
  readonly format?: 'MM/DD/YYYY' | 'DD.MM.YYYY';
}

type Opts = { nullable?: boolean };

function def(type: ColumnType, o: object | undefined): ColumnDef {
  return Object.freeze({ nullable: false, ...o, type });
}

/**
 * Column builders for mapper table definitions.
 *
 * @example
 * ```ts
 * const columns = {
 *   app_id: column.integer(),
 *   last_name: column.text({ maxLength: 100 }),
 *   birth_date: column.date({ nullable: true }),
 *   income: column.decimal({ precision: 12, scale: 2, nullable: true }),
 * };
 * ```
 */
export const column = {
  integer: (o?: Opts) => def('integer', o),
  bigint: (o?: Opts) => def('bigint', o),
  number: (o?: Opts) => def('number', o),
  decimal: (o?: Opts & { precision?: number; scale?: number }) => def('decimal', o),
  text: (o?: Opts & { maxLength?: number }) => def('text', o),
  boolean: (o?: Opts) => def('boolean', o),
  date: (o?: Opts & { format?: ColumnDef['format'] }) => def('date', o),
  timestamp: (o?: Opts & { format?: ColumnDef['format'] }) => def('timestamp', o),
} as const;
