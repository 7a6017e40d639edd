import { quoteIdent, type SqliteDatabase, type SqliteStatement } from './sqlite-driver.js';

/** Keys bound per DELETE: within SQLite's variable limit. */
const KEYS_PER_STATEMENT = 500;

/** `DELETE FROM table WHERE keyColumn IN (...)`: a reprocessed record's previous rows, with statements cached by key count. */
export class TableDelete {
  private readonly statements = new Map<number, SqliteStatement>();
  private readonly sqlHead: string;

  constructor(
    private readonly db: SqliteDatabase,
    table: string,
    keyColumn: string,
  ) {
    this.sqlHead = `DELETE FROM ${quoteIdent(table)} WHERE ${quoteIdent(keyColumn)} IN `;
  }

  /** Deletes the rows of these keys (bound as the log binds them). */
  delete(keys: readonly unknown[]): void {
    for (let i = 0; i < keys.length; i += KEYS_PER_STATEMENT) {
      const chunk = keys.slice(i, i + KEYS_PER_STATEMENT);
      let s = this.statements.get(chunk.length);
      if (!s) {
        s = this.db.prepare(`${this.sqlHead}(${chunk.map(() => '?').join(', ')})`);
        this.statements.set(chunk.length, s);
      }
      s.run(chunk);
    }
  }
}
