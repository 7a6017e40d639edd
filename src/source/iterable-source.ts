import { SluiceConfigError } from '../core/errors.js';
import type { SourceRecord } from '../core/record.js';
import type { Source } from './source.js';

/**
 * A source over an array or an (async) iterable of records, read lazily page by page.
 *
 * @example
 * ```ts
 * const source = fromIterable([{ key: 1, payload: '<a>1</a>' }, { key: 2, payload: '<a>2</a>' }]);
 * async function* gen() { for (let i = 0; i < 1e6; i++) yield { key: i, payload: `<a>${i}</a>` }; }
 * const big = fromIterable(gen());
 * ```
 */
export function fromIterable(records: Iterable<SourceRecord> | AsyncIterable<SourceRecord>, name = 'iterable'): Source {
  let used = false;
  return {
    name,
    filtersPartition: false,
    canSkip: () => false,
    async *pages(request) {
      const { limit, signal } = request;
      if (used && !Array.isArray(records)) {
        throw new SluiceConfigError('an iterable source can be read once; pass an array or a new iterable', 'source');
      }
      used = true;
      let page: SourceRecord[] = [];
      let total = 0;
      for await (const r of records as AsyncIterable<SourceRecord>) {
        if (signal?.aborted || (limit !== undefined && total >= limit)) break;
        if (r === null || typeof r !== 'object' || (typeof r.key !== 'number' && typeof r.key !== 'string') || (typeof r.payload !== 'string' && !(r.payload instanceof Uint8Array))) {
          throw new SluiceConfigError(`source record #${total + 1} is not { key: number | string, payload: string | Uint8Array }`, 'source');
        }
        page.push(r);
        total++;
        if (page.length >= request.pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length) yield page;
    },
    close: async () => {},
  };
}

/** A source over an in-memory array. Same as `fromIterable`. */
export const fromArray = (records: readonly SourceRecord[]): Source => fromIterable(records, 'array');
