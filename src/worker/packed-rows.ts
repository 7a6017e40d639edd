import type { TableRows } from './mapped-batch.js';

/**
 * In `PackedRows.sizes`: the value is the next one of `others` (null, a number, a Buffer..., or a
 * string of this many characters or more).
 */
export const OTHER_VALUE = 0xffff;

/**
 * Characters a chunk of `PackedRows.texts` reaches before the next one starts: under V8's
 * large-object size (128 KiB) even in two bytes a character, so that a chunk is an ordinary young
 * object, not one that waits in the old generation for a full collection.
 */
export const CHUNK_CHARS = 32 * 1024;

/**
 * The rows of one table for a whole task as a worker sends them: every string value end to end
 * in a few strings, and per value its length. Cloned to the main thread, that is a few strings
 * and an array instead of a string object per value, and until a commit reads the rows it is all
 * that waits there: the main thread's young generation no longer copies thousands of live row
 * values at each collection.
 */
export interface PackedRows {
  /**
   * The string values, in row-major order, end to end, in chunks of whole records (a chunk ends
   * once it holds `CHUNK_CHARS`): a value is never cut between two chunks.
   */
  readonly texts: readonly string[];
  /**
   * Per value, in row-major order, one character: the length of a string value in `texts`, or
   * `OTHER_VALUE`. Values are rarely 256 characters long, so this is a byte a value, in the heap
   * (an Int32Array's four bytes a value lived outside it, until a full collection freed them).
   */
  readonly sizes: string;
  /** The values that are not strings, in order. */
  readonly others: readonly unknown[];
  /** As `TableRows.ends`. */
  readonly ends: Int32Array;
}

/** The values of packed rows, row-major, as `TableRows.values` holds them. */
export function unpackValues(rows: PackedRows): unknown[] {
  return unpack(rows, 0, rows.sizes.length, 0, 0, 0);
}

/** Values [from, to) of packed rows; value `from` starts at `texts[chunk][pos]`, or is `others[other]`. */
function unpack({ texts, sizes, others }: PackedRows, from: number, to: number, chunk: number, pos: number, other: number): unknown[] {
  const values = new Array<unknown>(to - from);
  let text = texts[chunk] ?? '';
  for (let k = from, j = 0; k < to; k++, j++) {
    const size = sizes.charCodeAt(k);
    if (size === OTHER_VALUE) {
      values[j] = others[other++];
      continue;
    }
    if (pos + size > text.length) {
      // This value is the first of the next chunk.
      text = texts[++chunk]!;
      pos = 0;
    }
    values[j] = text.slice(pos, pos + size);
    pos += size;
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

/** Where each row of packed rows starts: its chunk of `texts`, where in it, and in `others`. */
interface RowStarts {
  readonly chunk: Int32Array;
  readonly pos: Int32Array;
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
  return unpack(packed, from * width, to * width, at.chunk[from]!, at.pos[from]!, at.others[from]!);
}

function startsOf(packed: PackedRows, width: number): RowStarts {
  let at = starts.get(packed);
  if (at === undefined) {
    const n = packed.sizes.length / width;
    at = { chunk: new Int32Array(n), pos: new Int32Array(n), others: new Int32Array(n) };
    let chunk = 0;
    let length = packed.texts[0]?.length ?? 0;
    let pos = 0;
    let other = 0;
    for (let r = 0, k = 0; r < n; r++) {
      at.chunk[r] = chunk;
      at.pos[r] = pos;
      at.others[r] = other;
      for (let c = 0; c < width; c++, k++) {
        const size = packed.sizes.charCodeAt(k);
        if (size === OTHER_VALUE) {
          other++;
          continue;
        }
        // As unpack reads it: a value past the chunk's end is the first of the next one.
        if (pos + size > length) {
          length = packed.texts[++chunk]!.length;
          pos = 0;
        }
        pos += size;
      }
    }
    starts.set(packed, at);
  }
  return at;
}

/** The characters of these codes (each below 0x10000), as `PackedRows.sizes` holds them. */
export function charsOf(codes: readonly number[]): string {
  let out = '';
  // In slices: a call's arguments are bounded.
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
  return out;
}

/** Record texts joined into chunks of `CHUNK_CHARS` or more (the last one less), as `PackedRows.texts` holds them. */
export function chunksOf(records: readonly string[]): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < records.length; ) {
    let chars = 0;
    const start = i;
    while (i < records.length && chars < CHUNK_CHARS) chars += records[i++]!.length;
    chunks.push(records.slice(start, i).join(''));
  }
  return chunks;
}
