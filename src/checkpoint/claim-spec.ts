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
