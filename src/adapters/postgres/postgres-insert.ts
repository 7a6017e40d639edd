import type { TableSchema } from '../../mapper/table.js';
import { quoteIdent, type PgClient } from './postgres-driver.js';
import { arrayLiteralOf } from './postgres-array-literal.js';
import { postgresType } from './postgres-schema.js';

/** How rows reach a table: one `INSERT ... SELECT FROM unnest($1::t[], ...)` or multi-row VALUES. */
export type InsertPath = 'unnest' | 'values';

/** Rows [a, b) of a row-major value array. */
export type { RowRange } from '../../sink/kept-row-ranges.js';
import type { RowRange } from '../../sink/kept-row-ranges.js';

/** PostgreSQL binds at most 65535 parameters per statement. */
const MAX_PARAMS = 65_535;
/** Rows per multi-row VALUES statement (fewer if the table is wide). */
const VALUES_ROWS = 1000;

/** Inserts the rows of one table by the chosen path, with statement texts built once. */
export class TableInserter {
  private readonly head: string;
  private readonly unnestSql: string;
  private readonly valuesSql = new Map<number, string>();
  private readonly width: number;

  constructor(
    readonly table: TableSchema,
    qualifiedName: string,
    private readonly path: InsertPath,
  ) {
    this.width = table.columns.length;
    this.head = `INSERT INTO ${quoteIdent(qualifiedName)} (${table.columns.map((c) => quoteIdent(c.name)).join(', ')})`;
    const arrays = table.columns.map((c, i) => `$${i + 1}::${postgresType(c)}[]`);
    this.unnestSql = `${this.head} SELECT * FROM unnest(${arrays.join(', ')})`;
  }

  /** Inserts every row of the ranges; returns the number of rows. */
  async insert(client: PgClient, ranges: readonly RowRange[]): Promise<number> {
    let rows = 0;
    for (const [, a, b] of ranges) rows += b - a;
    if (rows === 0) return 0;
    if (this.path === 'unnest') await client.query({ text: this.unnestSql, values: this.columnParams(ranges, rows) });
    else await this.insertValues(client, ranges);
    return rows;
  }

  /**
   * Row-major values → one parameter per column (what unnest takes): the column's array literal,
   * or, when a value is of a kind pg must write itself (a Buffer, a Date), the column's values.
   */
  private columnParams(ranges: readonly RowRange[], rows: number): unknown[] {
    const w = this.width;
    const params = new Array<unknown>(w);
    for (let c = 0; c < w; c++) params[c] = arrayLiteralOf(ranges, w, c) ?? columnOf(ranges, w, c, rows);
    return params;
  }

  private async insertValues(client: PgClient, ranges: readonly RowRange[]): Promise<void> {
    const w = this.width;
    const perStatement = Math.max(1, Math.min(VALUES_ROWS, Math.floor(MAX_PARAMS / w)));
    let params: unknown[] = [];
    const flush = async () => {
      if (!params.length) return;
      await client.query({ text: this.valuesText(params.length / w), values: params });
      params = [];
    };
    for (const [values, a, b] of ranges) {
      for (let r = a; r < b; r++) {
        for (let c = 0; c < w; c++) params.push(values[r * w + c]);
        if (params.length >= perStatement * w) await flush();
      }
    }
    await flush();
  }

  private valuesText(n: number): string {
    let sql = this.valuesSql.get(n);
    if (!sql) {
      const w = this.width;
      const types = this.table.columns.map(postgresType);
      const tuples = new Array<string>(n);
      // Casts on the first tuple type the whole VALUES list (otherwise every value is text).
      for (let r = 0; r < n; r++) tuples[r] = `(${types.map((t, c) => (r === 0 ? `$${r * w + c + 1}::${t}` : `$${r * w + c + 1}`)).join(', ')})`;
      sql = `${this.head} VALUES ${tuples.join(', ')}`;
      this.valuesSql.set(n, sql);
    }
    return sql;
  }
}

/** Column `c` of the rows of `ranges`, as an array. */
function columnOf(ranges: readonly RowRange[], w: number, c: number, rows: number): unknown[] {
  const col = new Array<unknown>(rows);
  let k = 0;
  for (const [values, a, b] of ranges) for (let r = a; r < b; r++) col[k++] = values[r * w + c];
  return col;
}
