import { Buffer } from 'node:buffer';
import type { TableRows } from './mapped-batch.js';

/**
 * In `PackedRows.sizes`: the value is the next one of `others` (null, a number, a Buffer..., or a
 * string of this many characters or more).
 */
export const OTHER_VALUE = 0xffff;

/**
 * The rows of one table for a whole task as a worker sends them: every string value end to end,
 * as UTF-16 code units in one buffer, and per value its length. Cloned to the main thread, that
 * is a buffer, a string and an array instead of a string object per value; until a commit reads
 * the rows that is all that waits there, and the characters wait outside the JavaScript heap. In
 * the heap they were promoted while they waited and stayed as garbage until V8 chose to collect
 * its old generation, which it put off the longer the cheaper that collection was (peak RSS 517 MB
 * in one bench run of 100,000 records); an ArrayBuffer's memory brings a full collection on as it
 * grows (313 MB in the same bench after this change).
 */
export interface PackedRows {
  /** The string values, row-major, end to end: UTF-16LE code units, two bytes each. */
  readonly text: Uint8Array;
  /**
   * Per value, in row-major order, one character: the length of a string value in `text` (in
   * code units), or `OTHER_VALUE`. Values are rarely 256 characters long, so this is a byte a value.
   */
  readonly sizes: string;
  /** The values that are not strings, in order. */
  readonly others: readonly unknown[];
  /** As `TableRows.ends`. */
  readonly ends: Int32Array;
}

/** The values of packed rows, row-major, as `TableRows.values` holds them. */
export function unpackValues(rows: PackedRows): unknown[] {
  return unpack(rows, 0, rows.sizes.length, 0, 0);
}

/**
 * Values [from, to) of packed rows, whose first string starts at code unit `pos` of `text` and
 * whose first other value is `others[other]`: their characters are decoded as one string, which
 * the values are cut from.
 */
function unpack({ text, sizes, others }: PackedRows, from: number, to: number, pos: number, other: number): unknown[] {
  let units = 0;
  for (let k = from; k < to; k++) {
    const size = sizes.charCodeAt(k);
    if (size !== OTHER_VALUE) units += size;
  }
  const chars = Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf16le', 2 * pos, 2 * (pos + units));
  const values = new Array<unknown>(to - from);
  let at = 0;
  for (let k = from, j = 0; k < to; k++, j++) {
    const size = sizes.charCodeAt(k);
    if (size === OTHER_VALUE) {
      values[j] = others[other++];
    } else {
      values[j] = chars.slice(at, at + size);
      at += size;
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

/** Where each row of packed rows starts: in `text` (code units) and in `others`. */
interface RowStarts {
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
  return unpack(packed, from * width, to * width, at.pos[from]!, at.others[from]!);
}

function startsOf(packed: PackedRows, width: number): RowStarts {
  let at = starts.get(packed);
  if (at === undefined) {
    const n = packed.sizes.length / width;
    at = { pos: new Int32Array(n), others: new Int32Array(n) };
    let pos = 0;
    let other = 0;
    for (let r = 0, k = 0; r < n; r++) {
      at.pos[r] = pos;
      at.others[r] = other;
      for (let c = 0; c < width; c++, k++) {
        const size = packed.sizes.charCodeAt(k);
        if (size === OTHER_VALUE) other++;
        else pos += size;
      }
    }
    starts.set(packed, at);
  }
  return at;
}

/** The characters of the first `count` codes (each below 0x10000), as `PackedRows.sizes` holds them. */
export function charsOf(codes: Uint16Array, count = codes.length): string {
  let out = '';
  // In slices: a call's arguments are bounded.
  for (let i = 0; i < count; i += 8192) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(i + 8192, count)) as unknown as number[]);
  return out;
}
