import type { TableRows } from '../../worker/mapped-batch.js';
import { rowValues } from '../../worker/packed-rows.js';
import { quoteIdent, type SqliteDatabase, type SqliteStatement } from './sqlite-driver.js';

/** Rows bound per multi-row INSERT: fewer statement calls, within SQLite's variable limit. */
const ROWS_PER_STATEMENT = 32;

/** Multi-row INSERTs for one table, with statements cached by row count. */
export class TableInsert {
  private readonly statements = new Map<number, SqliteStatement>();
  private readonly sqlHead: string;
  private readonly rowSql: string;

  constructor(
    private readonly db: SqliteDatabase,
    table: string,
    private readonly columns: readonly string[],
    private readonly tail = '',
  ) {
    this.sqlHead = `INSERT INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) VALUES `;
    this.rowSql = `(${columns.map(() => '?').join(', ')})`;
  }

  /** Inserts rows [from, to) of a row-major value array. */
  insert(values: readonly unknown[], from: number, to: number): void {
    const width = this.columns.length;
    this.runStatements(from, to, (a, b) => values.slice(a * width, b * width));
  }

  /**
   * Inserts rows [from, to) of a worker's table rows, unpacking each statement's values only:
   * they are garbage when it has run, not live until the whole commit has.
   */
  insertRows(rows: TableRows, from: number, to: number): void {
    const width = this.columns.length;
    this.runStatements(from, to, (a, b) => rowValues(rows, width, a, b));
  }

  /** Rows [from, to), `ROWS_PER_STATEMENT` a statement, their values as `valuesOf` gives them. */
  private runStatements(from: number, to: number, valuesOf: (a: number, b: number) => unknown[]): void {
    for (let r = from; r < to; r += ROWS_PER_STATEMENT) {
      const n = Math.min(ROWS_PER_STATEMENT, to - r);
      this.statement(n).run(valuesOf(r, r + n));
    }
  }

  private statement(rows: number): SqliteStatement {
    let s = this.statements.get(rows);
    if (!s) {
      s = this.db.prepare(this.sqlHead + new Array(rows).fill(this.rowSql).join(', ') + this.tail);
      this.statements.set(rows, s);
    }
    return s;
  }
}
