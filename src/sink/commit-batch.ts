import type { TableSchema } from '../mapper/table.js';
import { rowRange, type BatchSlice } from '../worker/mapped-batch.js';
import type { CheckpointEntry, CommitBatch, TableBatch } from './sink.js';

// Registered symbols, not a class check: the bench and tests mix a bundled copy of this module
// (dist/) with the source one, and a batch built by either must read the same in both.
const SLICES = Symbol.for('sluice.commitBatch.slices');
const SCHEMAS = Symbol.for('sluice.commitBatch.schemas');

interface Internal {
  readonly [SLICES]?: readonly BatchSlice[];
  readonly [SCHEMAS]?: readonly TableSchema[];
}

/**
 * A batch of these slices' rows and these entries (one per record, in slice order). The sink
 * contract shows the rows per table as objects of named values, built on first access of
 * `tables`; this package's adapters read the workers' flat arrays instead (`slicesOf`), so no
 * object per row is made on their path.
 */
export function createCommitBatch(slices: readonly BatchSlice[], entries: readonly CheckpointEntry[], schemas: readonly TableSchema[] = []): CommitBatch {
  let view: readonly TableBatch[] | undefined;
  return {
    [SLICES]: slices,
    [SCHEMAS]: schemas,
    entries,
    get tables() {
      view ??= schemas.map((schema, t) => tableOf(schema, t, slices));
      return view;
    },
  } as CommitBatch;
}

function tableOf(schema: TableSchema, t: number, slices: readonly BatchSlice[]): TableBatch {
  const columns = schema.columns.map((c) => c.name);
  const rows: Record<string, unknown>[] = [];
  for (const slice of slices) {
    const values = slice.batch.rows[t]?.values;
    if (!values) continue;
    const [a, b] = rowRange(slice, t);
    for (let r = a; r < b; r++) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < columns.length; c++) row[columns[c]!] = values[r * columns.length + c];
      rows.push(row);
    }
  }
  return { name: schema.name, columns, rows };
}

/** The same rows with other entries (same records, same order): attempts counted, say. */
export function withEntries(batch: CommitBatch, entries: readonly CheckpointEntry[]): CommitBatch {
  return createCommitBatch(slicesOf(batch), entries, schemasOf(batch));
}

/** The workers' slices of a batch, for this package's adapters; none for a batch built elsewhere. */
export function slicesOf(batch: CommitBatch): readonly BatchSlice[] {
  return (batch as CommitBatch & Internal)[SLICES] ?? [];
}

/** The tables a batch was built for. */
export function schemasOf(batch: CommitBatch): readonly TableSchema[] {
  return (batch as CommitBatch & Internal)[SCHEMAS] ?? [];
}
