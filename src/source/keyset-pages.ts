import type { SourceRecord } from '../core/record.js';
import type { ReadRequest } from './source.js';

/** A row of a keyset read: the key as the driver returned it (compared by value) and the record. */
export interface KeysetRow {
  /** The key exactly as the driver gave it (a bigint, a string, a number): bound again as the next page's start. */
  readonly raw: unknown;
  readonly record: SourceRecord;
}

/**
 * One page query of a table source, in key order, over rows whose key is not NULL:
 * `after === undefined` reads from the start; otherwise rows whose key is ≥ `after.raw`, the
 * rows equal to it first and without their payloads (they were read, or are duplicates).
 */
export type KeysetQuery = (after: { readonly raw: unknown } | undefined, limit: number) => Promise<KeysetRow[]>;

/**
 * The read's result, or undefined if it failed after reading was stopped: a retry's wait ends at
 * the stop with the read's error, and a stopped read ends the pages rather than the run.
 */
export async function stoppedOr<T>(read: Promise<T>, request: Pick<ReadRequest, 'signal'>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (request.signal?.aborted) return undefined;
    throw error;
  }
}

/**
 * The keyset loop every table source shares: pages of `pageSize` records pulled one query at a
 * time, and each key yielded once. A key repeated in the source (no unique constraint) is
 * reported to `request.keyIssues` for every extra copy, within a page (copies are adjacent in
 * key order) and across pages: each page after the first starts at the last key read again, so
 * copies of it that did not fit in the previous page are seen and counted, not skipped.
 */
export async function* keysetPages(query: KeysetQuery, request: ReadRequest): AsyncGenerator<SourceRecord[]> {
  let last: { readonly raw: unknown } | undefined;
  /** Rows seen with the last key yielded: its record and the duplicates counted so far. */
  let copies = 0;
  let remaining = request.limit ?? Infinity;
  while (remaining > 0 && !request.signal?.aborted) {
    const n = Math.min(request.pageSize, remaining);
    const limit = last === undefined ? n : n + copies;
    const rows = await stoppedOr(query(last, limit), request);
    if (rows === undefined) return;
    const page: SourceRecord[] = [];
    let again = 0;
    let full = false;
    for (const row of rows) {
      if (last !== undefined && row.raw === last.raw) {
        // The rows of the previous page's last key come first: those beyond the ones seen are duplicates.
        if (page.length === 0 && ++again <= copies) continue;
        copies++;
        request.keyIssues?.duplicate(row.record.key);
        continue;
      }
      if (page.length === n) {
        full = true;
        break;
      }
      page.push(row.record);
      last = { raw: row.raw };
      copies = 1;
    }
    remaining -= page.length;
    if (page.length) yield page;
    if (!full && rows.length < limit) return;
  }
}
