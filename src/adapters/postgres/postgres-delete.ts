import type { RecordKey } from '../../core/record.js';
import type { TableSchema } from '../../mapper/table.js';
import { quoteIdent, type PgClient } from './postgres-driver.js';
import { postgresType } from './postgres-schema.js';

/** `DELETE FROM table WHERE keyColumn = ANY($1)`: a reprocessed record's previous rows, in one statement per batch. */
export class TableDeleter {
  private readonly sql: string;

  /** `table.keyColumn` must be set (the flow checks it before the sink opens). */
  constructor(table: TableSchema, qualifiedName: string) {
    const column = table.columns.find((c) => c.name === table.keyColumn)!;
    // The keys as an array of the column's own type: the column's index is used, and no text = bigint mismatch.
    this.sql = `DELETE FROM ${quoteIdent(qualifiedName)} WHERE ${quoteIdent(column.name)} = ANY($1::${postgresType(column)}[])`;
  }

  /** Deletes the rows of these keys. */
  async delete(client: PgClient, keys: readonly RecordKey[]): Promise<void> {
    if (keys.length) await client.query({ text: this.sql, values: [keys] });
  }
}
