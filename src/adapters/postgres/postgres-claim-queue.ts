import { DEFAULT_QUEUE_NAME, DEFAULT_QUEUE_TABLE, type BaseClaimSpec, type ClaimedItem } from '../../checkpoint/claim-spec.js';
import type { RecordKey } from '../../core/record.js';
import type { CheckpointEntry } from '../../sink/sink.js';
import { quoteIdent, type PgClient, type PgPool } from './postgres-driver.js';
import type { PostgresKeyType } from './postgres-schema.js';

export { DEFAULT_QUEUE_NAME, DEFAULT_QUEUE_TABLE, type ClaimedItem };

/** What one claim needs; shared by the queue source and the bench. */
export type ClaimSpec = BaseClaimSpec;

/**
 * Claims up to `n` items in one statement: expired leases first (a dead process's work), then
 * pending items by priority and key. `FOR UPDATE SKIP LOCKED` lets many claimers run at once
 * without waiting for each other. An expired item that already had `maxAttempts` claims is
 * dead-lettered instead of claimed again.
 */
export async function claimItems(pool: PgPool, spec: ClaimSpec, n: number): Promise<ClaimedItem[]> {
  const q = quoteIdent(spec.table);
  const exhausted = `q."attempts" >= $5`;
  const r = await pool.query<ClaimedItem>({
    text: `WITH expired AS (
  SELECT "key" FROM ${q} WHERE "queue" = $1 AND "status" = 'claimed' AND "lease_expires_at" < now()
  ORDER BY "lease_expires_at" LIMIT $2 FOR UPDATE SKIP LOCKED
), pending AS (
  SELECT "key" FROM ${q} WHERE "queue" = $1 AND "status" = 'pending'
  ORDER BY "priority" DESC, "key" LIMIT $2 FOR UPDATE SKIP LOCKED
), picked AS (
  (SELECT "key" FROM expired) UNION ALL (SELECT "key" FROM pending) LIMIT $2
)
UPDATE ${q} AS q SET
  "status" = CASE WHEN ${exhausted} THEN 'dead' ELSE 'claimed' END,
  "attempts" = CASE WHEN ${exhausted} THEN q."attempts" ELSE q."attempts" + 1 END,
  "lease_owner" = CASE WHEN ${exhausted} THEN NULL ELSE $3 END,
  "lease_expires_at" = CASE WHEN ${exhausted} THEN NULL ELSE now() + $4::float8 * interval '1 millisecond' END,
  "last_error" = CASE WHEN ${exhausted}
    THEN 'gave up after ' || q."attempts" || ' attempts: each lease expired before the record was committed (process died or hung)'
    ELSE q."last_error" END,
  "updated_at" = now()
FROM picked WHERE q."queue" = $1 AND q."key" = picked."key"
RETURNING q."key" AS key, q."status" AS status`,
    values: [spec.queue, n, spec.owner, spec.leaseMillis, spec.maxAttempts],
  });
  return r.rows;
}

/** Extends every lease this owner holds; returns how many. */
export async function extendLeases(pool: PgPool, spec: ClaimSpec): Promise<number> {
  const r = await pool.query({
    text: `UPDATE ${quoteIdent(spec.table)} SET "lease_expires_at" = now() + $2::float8 * interval '1 millisecond'
WHERE "lease_owner" = $1 AND "status" = 'claimed'`,
    values: [spec.owner, spec.leaseMillis],
  });
  return r.rowCount ?? 0;
}

/** Gives back this owner's unfinished claims (a clean stop): they are pending again at once. */
export async function releaseLeases(pool: PgPool, spec: ClaimSpec): Promise<number> {
  const r = await pool.query({
    text: `UPDATE ${quoteIdent(spec.table)} SET "status" = 'pending', "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = now()
WHERE "lease_owner" = $1 AND "status" = 'claimed'`,
    values: [spec.owner],
  });
  return r.rowCount ?? 0;
}

/** True while another claimer could still hand out work: pending items, or items others hold. */
export async function othersBusy(pool: PgPool, spec: ClaimSpec): Promise<boolean> {
  const q = quoteIdent(spec.table);
  const r = await pool.query<[boolean]>({
    text: `SELECT EXISTS (SELECT 1 FROM ${q} WHERE "queue" = $1 AND "status" = 'pending')
    OR EXISTS (SELECT 1 FROM ${q} WHERE "queue" = $1 AND "status" = 'claimed' AND "lease_owner" IS DISTINCT FROM $2)`,
    values: [spec.queue, spec.owner],
    rowMode: 'array',
  });
  return r.rows[0]?.[0] === true;
}

/**
 * Finishes queue items inside the sink's transaction: succeeded and skipped records are `done`;
 * a failed record is `dead` with its error (processing_log says `failed`; rerun with retryFailed
 * after `requeueDead`). Keys are sorted so concurrent writers lock rows in one order.
 */
export async function finishQueueItems(client: PgClient, table: string, queue: string, keyType: PostgresKeyType, entries: readonly CheckpointEntry[]): Promise<void> {
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  await client.query({
    // lease_owner stays: who last claimed a finished item (per-process progress in `status`).
    text: `UPDATE ${quoteIdent(table)} AS q SET "status" = CASE WHEN u.f THEN 'dead' ELSE 'done' END, "last_error" = u.e,
  "lease_expires_at" = NULL, "updated_at" = now()
FROM unnest($2::${keyType}[], $3::boolean[], $4::text[]) AS u(k, f, e) WHERE q."queue" = $1 AND q."key" = u.k`,
    values: [queue, sorted.map((e) => e.key), sorted.map((e) => e.status === 'failed'), sorted.map((e) => (e.status === 'failed' ? e.error : null))],
  });
}

/** Marks claimed items whose source row is gone (`dead`) or that the log already holds (`done`). */
export async function settleUnreadable(
  pool: PgPool,
  spec: Pick<ClaimSpec, 'table' | 'queue'> & { readonly keyType: PostgresKeyType },
  keys: readonly RecordKey[],
  log: { readonly table: string; readonly keyType: string },
): Promise<void> {
  const exists = `EXISTS (SELECT 1 FROM ${quoteIdent(log.table)} l WHERE l."key" = q."key"::${log.keyType})`;
  await pool.query({
    text: `UPDATE ${quoteIdent(spec.table)} AS q SET
  "status" = CASE WHEN ${exists} THEN 'done' ELSE 'dead' END,
  "last_error" = CASE WHEN ${exists} THEN NULL ELSE 'the source row is gone (deleted after enqueue, or filtered by where)' END,
  "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = now()
WHERE q."queue" = $1 AND q."key" = ANY($2::${spec.keyType}[])`,
    values: [spec.queue, keys],
  });
}
