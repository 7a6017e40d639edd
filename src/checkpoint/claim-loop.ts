import { SluiceConfigError } from '../core/errors.js';
import type { RecordKey, SourceRecord } from '../core/record.js';
import type { ReadRequest } from '../source/source.js';
import { stoppedOr } from '../source/keyset-pages.js';
import type { ClaimedItem } from './claim-spec.js';

/** What a claim-queue source does in its own database; `claimPages` is the loop around it. */
export interface ClaimQueueOps {
  /** Claims up to `n` items: the claimed ones, and those dead-lettered by this claim. */
  claim(n: number): Promise<readonly ClaimedItem[]>;
  /** Whether items are still pending or held by others (worth waiting for). */
  othersBusy(): Promise<boolean>;
  /** The rows of claimed keys that the log does not hold yet. */
  read(keys: readonly RecordKey[]): Promise<SourceRecord[]>;
  /** Settles claimed keys with no row to read (gone, or in the log already). */
  settleUnreadable(keys: readonly RecordKey[]): Promise<void>;
  /** Runs a statement again on the adapter's transient errors, as the read request's `retry` says. */
  retry<T>(statement: () => Promise<T>): Promise<T>;
}

/** How long to wait for others' items, and whether to wait at all. */
export interface ClaimLoopOptions {
  readonly pollMillis: number;
  readonly noWait: boolean;
}

/**
 * Fails a queue source's read request that it cannot serve: a claim queue needs the sink's log
 * in its own database, and shares the work by itself (no static partition).
 */
export function checkQueueRequest(request: ReadRequest, source: string, database: string): asserts request is ReadRequest & { skip: NonNullable<ReadRequest['skip']> } {
  if (!request.skip) {
    throw new SluiceConfigError(`${source} needs its sink (processing_log) in the same ${database} database as the queue`, 'sink');
  }
  if (request.partition.modulo || request.partition.range) {
    throw new SluiceConfigError('a claim queue shares the work by itself: drop the partition option (--instance-id, --key-start in the CLI) in queue mode', 'partition');
  }
}

/**
 * Claims and reads pages until the queue has nothing left for this process: each page is the
 * claimed records the log does not hold yet, in key order. When nothing is claimable but others
 * hold items, it waits `pollMillis` and looks again (their leases may expire), unless `noWait`.
 * Claimed keys without a readable row are settled at once, so they do not wait for lease expiry.
 */
export async function* claimPages(request: ReadRequest, ops: ClaimQueueOps, options: ClaimLoopOptions): AsyncGenerator<SourceRecord[]> {
  let remaining = request.limit ?? Infinity;
  while (remaining > 0 && !request.signal?.aborted) {
    const items = await stoppedOr(ops.retry(() => ops.claim(Math.min(request.pageSize, remaining))), request);
    if (items === undefined) return;
    if (items.length === 0) {
      if (options.noWait || !(await ops.retry(() => ops.othersBusy()))) return;
      await sleep(options.pollMillis, request.signal);
      continue;
    }
    const keys = items.filter((i) => i.status === 'claimed').map((i) => i.key as RecordKey);
    if (keys.length === 0) continue;
    const page = await stoppedOr(ops.retry(() => ops.read(keys)), request);
    if (page === undefined) return;
    if (page.length < keys.length) {
      const got = new Set(page.map((p) => String(p.key)));
      const gone = keys.filter((k) => !got.has(String(k)));
      await ops.retry(() => ops.settleUnreadable(gone));
    }
    remaining -= page.length;
    if (page.length) yield page;
  }
}

/** Resolves after `ms`, or at once when the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
