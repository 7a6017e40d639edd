import type { TableRows } from './mapped-batch.js';

/** In `PackedRows.sizes`: the value is not a string but the next one of `others` (null, a number, a Buffer...). */
export const OTHER_VALUE = -1;

/**
 * The rows of one table for a whole task as a worker sends them: every string value end to end
 * in one string, and per value its length. Cloned to the main thread, that is one string and two
 * arrays instead of a string object per value, and until a commit reads the rows it is all that
 * waits there: the main thread's young generation no longer copies thousands of live row values
 * at each collection.
 */
export interface PackedRows {
  /** The string values, in row-major order, end to end. */
  readonly text: string;
  /** Per value, in row-major order: the length of a string value (≥ 0), or `OTHER_VALUE`. */
  readonly sizes: Int32Array;
  /** The values that are not strings, in order. */
  readonly others: readonly unknown[];
  /** As `TableRows.ends`. */
  readonly ends: Int32Array;
}

/** The values of packed rows, row-major, as `TableRows.values` holds them. */
export function unpackValues(rows: PackedRows): unknown[] {
  return unpack(rows, 0, rows.sizes.length, 0, 0);
}

/** Values [from, to) of packed rows; value `from` starts at `text[pos]`, or is `others[other]`. */
function unpack({ text, sizes, others }: PackedRows, from: number, to: number, pos: number, other: number): unknown[] {
  const values = new Array<unknown>(to - from);
  for (let k = from, j = 0; k < to; k++, j++) {
    const size = sizes[k]!;
    if (size >= 0) {
      values[j] = text.slice(pos, pos + size);
      pos += size;
    } else {
      values[j] = others[other++];
    }
  }
  return values;
}

// A registered symbol: a batch from a bundled copy of this module (dist/) reads the same in the source one.
const PACKED = Symbol.for('sluice.packedRows');

interface Packed {
  readonly [PACKED]?: PackedRows;
}

/**
 * Packed rows as `TableRows`: the values are unpacked when first read, once. This package's
 * SQLite sink reads them a statement at a time instead (`rowValues`), so that they are garbage
 * before the next collection rather than live through the whole commit.
 *
 * ```ts
 * const rows = tableRowsOf(packed);
 * rows.values; // unpacked now, once
 * ```
 */
export function tableRowsOf(packed: PackedRows): TableRows {
  let values: unknown[] | undefined;
  // An own accessor: a batch cloned with structuredClone keeps its values.
  return {
    [PACKED]: packed,
    ends: packed.ends,
    get values() {
      return (values ??= unpackValues(packed));
    },
  } as TableRows;
}

/** Where each row of packed rows starts: in `text` and in `others`. */
interface RowStarts {
  readonly text: Int32Array;
  readonly others: Int32Array;
}

const starts = new WeakMap<PackedRows, RowStarts>();

/**
 * The values of rows [from, to) of a table, row-major (`width` values a row), as
 * `rows.values.slice(from * width, to * width)`; from packed rows, unpacked for these rows only.
 *
 * ```ts
 * statement.run(rowValues(rows, 3, 32, 64)); // rows 32..63 of a three-column table
 * ```
 */
export function rowValues(rows: TableRows, width: number, from: number, to: number): unknown[] {
  const packed = (rows as TableRows & Packed)[PACKED];
  if (packed === undefined) return rows.values.slice(from * width, to * width);
  const at = startsOf(packed, width);
  return unpack(packed, from * width, to * width, at.text[from]!, at.others[from]!);
}

function startsOf(packed: PackedRows, width: number): RowStarts {
  let at = starts.get(packed);
  if (at === undefined) {
    const n = packed.sizes.length / width;
    at = { text: new Int32Array(n), others: new Int32Array(n) };
    let pos = 0;
    let other = 0;
    for (let r = 0, k = 0; r < n; r++) {
      at.text[r] = pos;
      at.others[r] = other;
      for (let c = 0; c < width; c++, k++) {
        const size = packed.sizes[k]!;
        if (size >= 0) pos += size;
        else other++;
      }
    }
    starts.set(packed, at);
  }
  return at;
}
