/** One queue's items by state. `failed` ⊆ `dead`: dead items whose record failed (processing_log says why). */
export interface QueueStatus {
  readonly queue: string;
  readonly pending: number;
  /** Claimed and being processed (lease not expired). */
  readonly claimed: number;
  /** Claimed, but the lease ran out: its process died or hangs; the next claim takes them. */
  readonly expired: number;
  readonly done: number;
  readonly dead: number;
  readonly failed: number;
  /** The claim held longest, if any. */
  readonly oldestLease: { readonly owner: string; readonly claimedAt: string; readonly expiresAt: string } | null;
  /** Per lease owner (host:pid:id): items it holds now and items it claimed last that are done. */
  readonly owners: readonly { readonly owner: string; readonly claimed: number; readonly done: number }[];
}
