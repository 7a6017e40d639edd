import { SluiceConfigError } from '../core/errors.js';
import type { TableSchema } from '../mapper/table.js';
import type { Sink } from '../sink/sink.js';

/**
 * Refuses `reprocess` before anything is written when it cannot replace rows exactly: every
 * table must name the column that holds the record key (a record's previous rows are deleted by
 * it), and the sink must delete them in the transaction of its write.
 */
export function checkReprocess(tables: readonly TableSchema[], sink: Sink | undefined): void {
  const missing = tables.filter((t) => t.keyColumn === undefined).map((t) => t.name);
  if (missing.length) {
    throw new SluiceConfigError(
      `reprocess deletes a record's previous rows by the column holding its key, and table${missing.length > 1 ? 's' : ''} ${missing.join(', ')} declare${missing.length > 1 ? '' : 's'} none: ` +
        `add keyColumn (a column with value $key) to ${missing.length > 1 ? 'each' : 'the'} table in the mapping file (sluice infer writes it), or keyColumn in the mapper's table definition`,
      'reprocess',
    );
  }
  for (const t of tables) {
    if (!t.columns.some((c) => c.name === t.keyColumn)) {
      throw new SluiceConfigError(`table ${t.name}: keyColumn "${t.keyColumn}" is not one of its columns (${t.columns.map((c) => c.name).join(', ')}); name the column that holds the record key`, 'reprocess');
    }
  }
  if (sink && !sink.replacesRows) {
    throw new SluiceConfigError(`sink ${sink.name} cannot replace a record's rows in its transaction; reprocess with the SQLite, PostgreSQL or SQL Server sink`, 'reprocess');
  }
}
