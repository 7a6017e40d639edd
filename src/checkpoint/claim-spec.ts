import type { Partition } from '../partition/partition.js';

/** Default name of the claim queue's work table. */
export const DEFAULT_QUEUE_TABLE = 'sluice_queue';
/** Default queue name inside that table. */
export const DEFAULT_QUEUE_NAME = 'default';

/** A claimed item: `claimed` to process, or `dead` when its attempts ran out at this claim. */
export interface ClaimedItem {
  readonly key: unknown;
  readonly status: 'claimed' | 'dead';
}

/** What one claim needs, in every adapter's claim queue. */
export interface BaseClaimSpec {
  readonly table: string;
  readonly queue: string;
  /** Who holds the lease (host:pid:random); heartbeats extend only this owner's leases. */
  readonly owner: string;
  readonly leaseMillis: number;
  readonly maxAttempts: number;
}

/** The options every adapter's claim-queue source takes, beside its connection and key type. */
export interface ClaimQueueSourceOptions {
  /** Queue name inside the work table. @default 'default' */
  readonly queue?: string;
  /** Work table. @default 'sluice_queue' */
  readonly queueTable?: string;
  /** Table holding the XML records. @default 'app_xml' */
  readonly table?: string;
  /** @default 'app_id' */
  readonly keyColumn?: string;
  /** @default 'xml' */
  readonly payloadColumn?: string;
  /** How long a claim is held without a heartbeat before others may take it, in ms. @default 60000 */
  readonly leaseMillis?: number;
  /** Heartbeat period: leases this process holds are extended this often, in ms. @default leaseMillis / 3 */
  readonly heartbeatMillis?: number;
  /** Claims of one item at most; an item whose lease expired this often is dead-lettered. @default 3 */
  readonly maxAttempts?: number;
  /** When nothing is claimable but others still hold items, look again this often, in ms. @default min(1000, leaseMillis / 4) */
  readonly pollMillis?: number;
  /** End when nothing is claimable, instead of waiting for items others hold. @default false */
  readonly noWait?: boolean;
  /** Lease owner id. @default `${hostname}:${pid}:${random}` */
  readonly owner?: string;
}

/** The options every adapter's enqueue takes, beside its connection, SQL dialect and key type. */
export interface BaseEnqueueOptions {
  /** Queue name. @default 'default' */
  readonly queue?: string;
  /** Work table; created if missing. @default 'sluice_queue' */
  readonly queueTable?: string;
  /** Source table whose keys are enqueued. @default 'app_xml' */
  readonly table?: string;
  /** @default 'app_id' */
  readonly keyColumn?: string;
  /** Only keys in this partition (modulo and/or range). @default all */
  readonly partition?: Partition;
  /** Priority of the new items (higher first). @default 0 */
  readonly priority?: number;
  /** Keys inserted per statement. @default 10000 */
  readonly pageSize?: number;
  /** Also put `dead` items of this queue back to `pending` with zero attempts (a retry after a fix). @default false */
  readonly requeueDead?: boolean;
}

/** What an enqueue did. */
export interface EnqueueResult {
  /** Source keys looked at. */
  readonly seen: number;
  /** New items (keys already in the queue are left as they are). */
  readonly enqueued: number;
  /** Dead items put back to pending (`requeueDead`). */
  readonly requeued: number;
}
