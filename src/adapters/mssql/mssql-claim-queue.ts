import { DEFAULT_QUEUE_NAME, DEFAULT_QUEUE_TABLE, type BaseClaimSpec, type ClaimedItem } from '../../checkpoint/claim-spec.js';
import type { RecordKey } from '../../core/record.js';
import type { CheckpointEntry } from '../../sink/sink.js';
import { execute, quoteName, type MssqlDriver, type MssqlPool, type MssqlTransaction, type Statement } from './mssql-driver.js';
import { keySqlType, type MssqlKeyType } from './mssql-schema.js';
import { logKeyMatch } from './mssql-catalog.js';

export { DEFAULT_QUEUE_NAME, DEFAULT_QUEUE_TABLE, type ClaimedItem };

/** What one claim needs; shared by the queue source and the tests. */
export interface ClaimSpec extends BaseClaimSpec {
  /** The work table's key type. */
  readonly keyType: MssqlKeyType;
}

/** The claim's SET list: an item past `maxAttempts` is dead-lettered instead of claimed again. */
const CLAIM_SET = (() => {
  const exhausted = '[attempts] >= @max_attempts';
  return `[status] = CASE WHEN ${exhausted} THEN N'dead' ELSE N'claimed' END,
  [attempts] = CASE WHEN ${exhausted} THEN [attempts] ELSE [attempts] + 1 END,
  [lease_owner] = CASE WHEN ${exhausted} THEN NULL ELSE @owner END,
  [lease_expires_at] = CASE WHEN ${exhausted} THEN NULL ELSE DATEADD(millisecond, @lease_millis, SYSUTCDATETIME()) END,
  [last_error] = CASE WHEN ${exhausted}
    THEN N'gave up after ' + CAST([attempts] AS NVARCHAR(11)) + N' attempts: each lease expired before the record was committed (process died or hung)'
    ELSE [last_error] END,
  [updated_at] = SYSUTCDATETIME()`;
})();

/**
 * Claims up to `n` items in one batch: expired leases first (a dead process's work), then
 * pending items by priority and key. `WITH (ROWLOCK, READPAST, UPDLOCK)` lets many claimers run
 * at once: each skips the rows others have locked instead of waiting for them. UPDATE TOP cannot
 * order, so each step is a TOP ... ORDER BY in a CTE that the UPDATE goes through.
 */
export function claimStatement(spec: ClaimSpec, n: number): Statement {
  const q = quoteName(spec.table);
  const pick = (where: string, order: string, top: string) => `SELECT TOP (${top}) * FROM ${q} WITH (ROWLOCK, READPAST, UPDLOCK)
  WHERE [queue] = @queue AND ${where}
  ORDER BY ${order}`;
  return {
    text: `DECLARE @claimed TABLE ([key] ${keySqlType(spec.keyType)} NOT NULL, [status] NVARCHAR(16) NOT NULL);
WITH expired AS (
  ${pick(`[status] = N'claimed' AND [lease_expires_at] < SYSUTCDATETIME()`, '[lease_expires_at]', '@n')}
)
UPDATE expired SET
  ${CLAIM_SET}
OUTPUT inserted.[key], inserted.[status] INTO @claimed;
DECLARE @left INT = @n - @@ROWCOUNT;
WITH pending AS (
  ${pick(`[status] = N'pending'`, '[priority] DESC, [key]', '@left')}
)
UPDATE pending SET
  ${CLAIM_SET}
OUTPUT inserted.[key], inserted.[status] INTO @claimed;
SELECT [key], [status] FROM @claimed;`,
    params: [
      { name: 'queue', type: 'nvarchar(200)', value: spec.queue },
      { name: 'n', type: 'int', value: n },
      { name: 'owner', type: 'nvarchar(200)', value: spec.owner },
      { name: 'lease_millis', type: 'int', value: spec.leaseMillis },
      { name: 'max_attempts', type: 'int', value: spec.maxAttempts },
    ],
  };
}

/** Claims up to `n` items (see `claimStatement`). */
export async function claimItems(driver: MssqlDriver, pool: MssqlPool, spec: ClaimSpec, n: number): Promise<ClaimedItem[]> {
  const r = await execute<ClaimedItem>(driver, pool, claimStatement(spec, n));
  return r.recordset ?? [];
}

/** Extends every lease this owner holds; returns how many. */
export async function extendLeases(driver: MssqlDriver, pool: MssqlPool, spec: ClaimSpec): Promise<number> {
  const r = await execute(driver, pool, {
    text: `UPDATE ${quoteName(spec.table)} SET [lease_expires_at] = DATEADD(millisecond, @lease_millis, SYSUTCDATETIME())
WHERE [lease_owner] = @owner AND [status] = N'claimed'`,
    params: [
      { name: 'owner', type: 'nvarchar(200)', value: spec.owner },
      { name: 'lease_millis', type: 'int', value: spec.leaseMillis },
    ],
  });
  return r.rowsAffected[0] ?? 0;
}

/** Gives back this owner's unfinished claims (a clean stop): they are pending again at once. */
export async function releaseLeases(driver: MssqlDriver, pool: MssqlPool, spec: ClaimSpec): Promise<number> {
  const r = await execute(driver, pool, {
    text: `UPDATE ${quoteName(spec.table)} SET [status] = N'pending', [lease_owner] = NULL, [lease_expires_at] = NULL, [updated_at] = SYSUTCDATETIME()
WHERE [lease_owner] = @owner AND [status] = N'claimed'`,
    params: [{ name: 'owner', type: 'nvarchar(200)', value: spec.owner }],
  });
  return r.rowsAffected[0] ?? 0;
}

/** True while another claimer could still hand out work: pending items, or items others hold. */
export async function othersBusy(driver: MssqlDriver, pool: MssqlPool, spec: ClaimSpec): Promise<boolean> {
  const q = quoteName(spec.table);
  const r = await execute<{ busy: number }>(driver, pool, {
    text: `SELECT CASE WHEN EXISTS (SELECT 1 FROM ${q} WHERE [queue] = @queue AND [status] = N'pending')
  OR EXISTS (SELECT 1 FROM ${q} WHERE [queue] = @queue AND [status] = N'claimed' AND ([lease_owner] IS NULL OR [lease_owner] <> @owner))
  THEN 1 ELSE 0 END AS busy`,
    params: [
      { name: 'queue', type: 'nvarchar(200)', value: spec.queue },
      { name: 'owner', type: 'nvarchar(200)', value: spec.owner },
    ],
  });
  return r.recordset?.[0]?.busy === 1;
}

/**
 * Finishes queue items inside the sink's transaction: succeeded and skipped records are `done`;
 * a failed record is `dead` with its error (processing_log says `failed`; rerun with retryFailed
 * after `requeueDead`).
 */
export async function finishQueueItems(
  driver: MssqlDriver,
  tx: MssqlTransaction,
  table: string,
  queue: string,
  keyType: MssqlKeyType,
  entries: readonly CheckpointEntry[],
): Promise<void> {
  const items = entries.map((e) => ({ k: e.key, f: e.status === 'failed' ? 1 : 0, e: e.status === 'failed' ? e.error : null }));
  await execute(driver, tx, {
    // lease_owner stays: who last claimed a finished item (per-process progress in `status`).
    text: `UPDATE q SET [status] = CASE WHEN s.f = 1 THEN N'dead' ELSE N'done' END, [last_error] = s.e,
  [lease_expires_at] = NULL, [updated_at] = SYSUTCDATETIME()
FROM ${quoteName(table)} q
INNER JOIN OPENJSON(@items) WITH (k ${keySqlType(keyType)} '$.k', f BIT '$.f', e NVARCHAR(MAX) '$.e') s ON q.[key] = s.k
WHERE q.[queue] = @queue`,
    params: [
      { name: 'queue', type: 'nvarchar(200)', value: queue },
      { name: 'items', type: 'nvarchar(max)', value: JSON.stringify(items) },
    ],
  });
}

/** Marks claimed items whose source row is gone (`dead`) or that the log already holds (`done`). */
export async function settleUnreadable(
  driver: MssqlDriver,
  pool: MssqlPool,
  spec: Pick<ClaimSpec, 'table' | 'queue' | 'keyType'>,
  keys: readonly RecordKey[],
  log: { readonly table: string; readonly keyType: string },
): Promise<void> {
  const match = logKeyMatch({ sql: 'q.[key]', param: 'bigint', integer: spec.keyType === 'bigint' }, log.keyType);
  const exists = `EXISTS (SELECT 1 FROM ${quoteName(log.table)} l WHERE ${match})`;
  await execute(driver, pool, {
    text: `UPDATE q SET
  [status] = CASE WHEN ${exists} THEN N'done' ELSE N'dead' END,
  [last_error] = CASE WHEN ${exists} THEN NULL ELSE N'the source row is gone (deleted after enqueue, or filtered by where)' END,
  [lease_owner] = NULL, [lease_expires_at] = NULL, [updated_at] = SYSUTCDATETIME()
FROM ${quoteName(spec.table)} q
WHERE q.[queue] = @queue AND q.[key] IN (SELECT CAST(j.[value] AS ${keySqlType(spec.keyType)}) FROM OPENJSON(@keys) j)`,
    params: [
      { name: 'queue', type: 'nvarchar(200)', value: spec.queue },
      { name: 'keys', type: 'nvarchar(max)', value: JSON.stringify(keys) },
    ],
  });
}
