import type { SourceRecord } from '../../src/core/record.js';
import type { ReadRequest, Source } from '../../src/source/source.js';

/**
 * A source that serves the given pages one per pull and records what the reader did: how many
 * pages were pulled, the request it got, and whether its iterator was closed.
 */
export class PagedSource implements Source {
  readonly name = 'paged';
  readonly filtersPartition = false;
  pulls = 0;
  closedIterator = false;
  request: ReadRequest | undefined;

  constructor(
    private readonly pageList: SourceRecord[][],
    private readonly failAt?: { pull: number; error: Error },
  ) {}

  canSkip(): boolean {
    return false;
  }

  pages(request: ReadRequest): AsyncIterable<SourceRecord[]> {
    this.request = request;
    // A hand-written iterator (not a generator): return() is observable even mid-read.
    const iterator: AsyncIterator<SourceRecord[]> = {
      next: async () => {
        this.pulls++;
        if (this.failAt?.pull === this.pulls) throw this.failAt.error;
        const page = this.pageList[this.pulls - 1];
        return page ? { done: false, value: page } : { done: true, value: undefined };
      },
      return: async () => {
        this.closedIterator = true;
        return { done: true, value: undefined };
      },
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }

  async close(): Promise<void> {}
}

/** n records with keys first.. */
export const records = (first: number, n: number): SourceRecord[] => Array.from({ length: n }, (_, i) => ({ key: first + i, payload: '<r/>' }));
