import { Buffer } from 'node:buffer';
import type { RecordKey } from '../core/record.js';
import type { MapContext } from '../mapper/mapper.js';
import type { TableSchema } from '../mapper/table.js';
import { columnConverter, type ColumnConverter } from '../mapper/column-converter.js';
import { SluiceConfigError } from '../core/errors.js';
import { ownCopy } from './own-copy.js';
import type { TableRows } from './mapped-batch.js';
import { charsOf, OTHER_VALUE, tableRowsOf, type PackedRows } from './packed-rows.js';

/**
 * What a row value costs in the main thread's heap once unpacked there (Node 20,
 * 64-bit): its slot in the values array (8) and, for a string, its header (16) and its
 * characters, rounded up to 8 (about 4 on average); any other value 16, between a small integer
 * or null (8, its slot) and a double (24, its slot and a HeapNumber). Measured on 500,000 cloned
 * values: 10-character strings 39.6 B (38 estimated), 40-character ones 64 B (68). Packed
 * (`PackedRows`) the rows cost less until a commit unpacks them: the credit gate charges this.
 */
export const STRING_HEAP_BYTES = 28;
export const VALUE_HEAP_BYTES = 16;

/** Marks a record skipped by the mapper; caught by the worker. */
export class SkipSignal extends Error {
  override name = 'SkipSignal';
  constructor(readonly reason: string) {
    super(reason);
  }
}

interface TableState {
  readonly schema: TableSchema;
  readonly names: readonly string[];
  /** Column names as keys (null prototype): an emitted key outside it is an error. */
  readonly known: Readonly<Record<string, true>>;
  /** One converter per column, chosen once. */
  readonly converters: readonly ColumnConverter[];
  /**
   * The string values of the records closed so far, as UTF-16 code units (`PackedRows.text`
   * growing): written as each record closes, so they wait outside the JavaScript heap.
   */
  text: Buffer;
  /** Bytes of `text` written so far. */
  textBytes: number;
  /** The non-empty string values of the open record, one each: joined into one when it closes. */
  readonly open: string[];
  /**
   * Per value so far (the first `sizeCount`): a string's length, or OTHER_VALUE
   * (`PackedRows.sizes`). A typed array, for the same reason as `text`.
   */
  sizes: Uint16Array;
  sizeCount: number;
  readonly others: unknown[];
  ends: Int32Array;
  /** Lengths of `sizes` and `others` when the current record started, to undo a failed record. */
  sizesMark: number;
  othersMark: number;
}

/**
 * Collects the rows a mapper emits for a task, converting values to column types as they come,
 * into the packed per-table rows of a MappedBatch (`PackedRows`). A failed record is rolled back.
 */
export class RowCollector implements MapContext {
  key: RecordKey = 0;
  bytes = 0;
  /** Per record, what its rows will cost on the main thread (`heapBytesOf`): what the credit gate charges it once mapped. */
  readonly recordBytes: Float64Array;
  private heap = 0;
  private heapMark = 0;
  private readonly tables: TableState[];
  private readonly byName = new Map<string, TableState>();

  constructor(schemas: readonly TableSchema[], n: number) {
    this.recordBytes = new Float64Array(n);
    this.tables = schemas.map((schema) => {
      const names = schema.columns.map((c) => c.name);
      const known = Object.create(null) as Record<string, true>;
      for (const name of names) known[name] = true;
      const converters = schema.columns.map((c) => columnConverter(c, schema.name));
      const state: TableState = {
        schema, names, known, converters, text: EMPTY, textBytes: 0, open: [], sizes: new Uint16Array(256), sizeCount: 0, others: [], ends: new Int32Array(n), sizesMark: 0, othersMark: 0,
      };
      this.byName.set(schema.name, state);
      return state;
    });
  }

  begin(key: RecordKey): void {
    this.key = key;
    this.heapMark = this.heap;
    for (const t of this.tables) {
      t.sizesMark = t.sizeCount;
      t.othersMark = t.others.length;
    }
  }

  /** Closes record i: keeps its rows (ok) or drops them. */
  end(i: number, keep: boolean): void {
    if (keep) this.recordBytes[i] = this.heap - this.heapMark;
    else this.heap = this.heapMark;
    for (const t of this.tables) {
      if (keep) close(t);
      else rollBack(t);
      t.ends[i] = t.sizeCount / t.names.length;
    }
  }

  /** Drops the rows of the current record, which starts again (after `begin`). */
  restart(): void {
    this.heap = this.heapMark;
    for (const t of this.tables) rollBack(t);
  }

  /** A row of the table at `index` (the mapper's order), its values in column order: a compiled mapping's rows, whose columns are known. */
  emitValues(index: number, row: readonly unknown[]): void {
    this.append(this.tables[index]!, row, true);
  }

  emit(table: string, row: Readonly<Record<string, unknown>>): void {
    const t = this.byName.get(table);
    if (!t) {
      throw new SluiceConfigError(
        `mapper emitted a row for table "${table}", which it does not declare; declared: ${[...this.byName.keys()].join(', ')}`,
        'mapper',
      );
    }
    const known = t.known;
    for (const k in row) {
      if (known[k] !== true) {
        throw new SluiceConfigError(`mapper emitted column "${k}" for table "${table}", which has no such column`, 'mapper');
      }
    }
    this.append(t, row, false);
  }

  /** Converts a row's values (by column name, or in column order) into the table's packed rows. */
  private append(t: TableState, row: Readonly<Record<string, unknown>> | readonly unknown[], ordered: boolean): void {
    const { names, converters, open } = t;
    if (t.sizeCount + names.length > t.sizes.length) t.sizes = grown(t.sizes, t.sizeCount, t.sizeCount + names.length, (length) => new Uint16Array(length));
    const sizes = t.sizes;
    let n = t.sizeCount;
    let bytes = 0;
    let heap = 0;
    // A value that does not convert throws: the row leaves nothing behind, should the mapper go on.
    const openMark = open.length;
    const othersMark = t.others.length;
    try {
      for (let c = 0; c < names.length; c++) {
        const v = converters[c]!(ordered ? (row as readonly unknown[])[c] : (row as Readonly<Record<string, unknown>>)[names[c]!]);
        if (typeof v === 'string') {
          bytes += v.length + 4;
          heap += STRING_HEAP_BYTES + v.length;
          if (v.length < OTHER_VALUE) {
            // Only characters go to the join: an empty value adds none.
            if (v.length > 0) open.push(v);
            sizes[n++] = v.length;
          } else {
            // Longer than a length character says: carried apart, as its own copy (not a view into the document).
            sizes[n++] = OTHER_VALUE;
            t.others.push(ownCopy(v));
          }
        } else {
          bytes += 8;
          heap += VALUE_HEAP_BYTES;
          sizes[n++] = OTHER_VALUE;
          t.others.push(v);
        }
      }
    } catch (error) {
      open.length = openMark;
      t.others.length = othersMark;
      throw error;
    }
    t.sizeCount = n;
    this.bytes += bytes;
    this.heap += heap;
  }

  skip(reason = 'skipped by the mapper'): never {
    throw new SkipSignal(reason);
  }

  /** The task's rows, per table in the mapper's order, as a worker sends them. */
  packed(): PackedRows[] {
    return this.tables.map((t) => ({ text: exactCopy(t.text, t.textBytes), sizes: charsOf(t.sizes, t.sizeCount), others: t.others, ends: t.ends }));
  }

  /** The task's rows, per table in the mapper's order. */
  result(): TableRows[] {
    return this.packed().map(tableRowsOf);
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * Closes the open record of a table: its string values are written, end to end, after the
 * records before it in the table's buffer, out of the JavaScript heap. The task keeps its rows
 * until it returns; as strings they survived the worker's young-generation collections, were
 * copied by each and promoted (and a value cut from the document, a view into it as saxes hands
 * it out, kept the whole document alive).
 */
function close(t: TableState): void {
  const { open } = t;
  if (open.length === 0) return;
  const s = open.length === 1 ? open[0]! : open.join('');
  open.length = 0;
  const need = t.textBytes + 2 * s.length;
  // Not allocUnsafe: a small Buffer is a view into a shared pool.
  if (need > t.text.length) t.text = grown(t.text, t.textBytes, need, (length) => Buffer.allocUnsafeSlow(Math.max(length, 4096)));
  t.textBytes += t.text.write(s, t.textBytes, 'utf16le');
}

/** A copy of the first `used` elements of `array` with room for `need`: twice as long, or `need` if that is more. */
function grown<T extends Uint8Array | Uint16Array>(array: T, used: number, need: number, allocate: (length: number) => T): T {
  const out = allocate(Math.max(need, 2 * array.length));
  out.set(array.subarray(0, used));
  return out;
}

/** The first `bytes` of a buffer in one of their own: a view would carry the whole buffer across threads. */
function exactCopy(buf: Buffer, bytes: number): Uint8Array {
  const out = Buffer.allocUnsafeSlow(bytes);
  buf.copy(out, 0, 0, bytes);
  return out;
}

function rollBack(t: TableState): void {
  t.open.length = 0;
  t.sizeCount = t.sizesMark;
  t.others.length = t.othersMark;
}
