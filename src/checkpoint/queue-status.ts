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

/**
 * Assembles each queue's status from the adapter's three result sets: counts per queue (columns
 * queue, pending, claimed, expired, done, dead), leases per queue and owner (queue, lease_owner,
 * n, done, claimed_at, expires_at; the longest-held first) and failed dead items per queue.
 */
export function queueStatuses(
  counts: readonly Readonly<Record<string, unknown>>[],
  leases: readonly Readonly<Record<string, unknown>>[],
  failedBy: ReadonlyMap<string, number>,
): QueueStatus[] {
  return counts.map((c) => {
    const mine = leases.filter((l) => l.queue === c.queue);
    const oldest = mine[0]?.claimed_at ? mine[0] : undefined;
    return {
      queue: String(c.queue),
      pending: Number(c.pending),
      claimed: Number(c.claimed),
      expired: Number(c.expired),
      done: Number(c.done),
      dead: Number(c.dead),
      failed: failedBy.get(String(c.queue)) ?? 0,
      oldestLease: oldest ? { owner: String(oldest.lease_owner), claimedAt: String(oldest.claimed_at), expiresAt: String(oldest.expires_at) } : null,
      owners: mine.map((l) => ({ owner: String(l.lease_owner), claimed: Number(l.n), done: Number(l.done) })),
    };
  });
}
