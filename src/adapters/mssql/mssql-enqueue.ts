import { SluiceConfigError } from '../../core/errors.js';
import type { BaseEnqueueOptions, EnqueueResult } from '../../checkpoint/claim-spec.js';
import { DEFAULT_QUEUE_NAME, DEFAULT_QUEUE_TABLE } from './mssql-claim-queue.js';
import { nameParts, execute, openMssql, quoteName, type MssqlConnectionOptions, type SqlParam } from './mssql-driver.js';
import { qualify } from '../../core/qualified-name.js';
import { reachError } from './mssql-errors.js';
import { applyMssqlSchema, keySqlType, mssqlQueueDdl, type MssqlKeyType } from './mssql-schema.js';
import { connected, keyColumnOf, type KeyColumn } from './mssql-catalog.js';
import { tableFilters } from './mssql-source.js';

/** Options of `mssqlEnqueue`. */
export interface MssqlEnqueueOptions extends MssqlConnectionOptions, BaseEnqueueOptions {
  /** Schema of the tables unless they are qualified. @default the URL's `schema`, else the login's default schema */
  readonly schema?: string;
  /** Extra T-SQL condition on the source table (alias `t`). Trusted SQL: never user input. */
  readonly where?: string;
  /** Priority as a T-SQL expression on the source row (alias `t`), e.g. `CASE WHEN t.amount > 1e5 THEN 1 ELSE 0 END`. Trusted SQL. */
  readonly priorityExpression?: string;
  /** Key type of the work table if it is created. @default 'bigint' for integer source keys, else 'text' */
  readonly keyType?: MssqlKeyType;
}

/** What `mssqlEnqueue` did. */
export type MssqlEnqueueResult = EnqueueResult;

/**
 * One page of enqueue: the next `@n` source keys after `@last`, inserted unless queued already.
 * HOLDLOCK makes the "already queued?" check and the insert one step for concurrent enqueuers.
 */
export function enqueuePageSql(spec: { table: string; queueTable: string; key: KeyColumn; keyType: MssqlKeyType; conditions: readonly string[]; afterLast: boolean; priorityExpression?: string }): string {
  const prio = spec.priorityExpression ? `COALESCE(CAST((${spec.priorityExpression}) AS INT), @priority)` : '@priority';
  const where = [...(spec.afterLast ? [`${spec.key.sql} > @last`] : []), ...spec.conditions];
  const q = quoteName(spec.queueTable);
  return `DECLARE @page TABLE ([k] ${keySqlType(spec.keyType)} NOT NULL, [p] INT NOT NULL);
INSERT INTO @page ([k], [p])
SELECT TOP (@n) ${spec.key.sql}, ${prio} FROM ${quoteName(spec.table)} t${where.length ? `\nWHERE ${where.join('\n  AND ')}` : ''}
ORDER BY ${spec.key.sql};
INSERT INTO ${q} ([queue], [key], [priority])
SELECT @queue, s.[k], s.[p] FROM @page s
WHERE NOT EXISTS (SELECT 1 FROM ${q} q WITH (UPDLOCK, HOLDLOCK) WHERE q.[queue] = @queue AND q.[key] = s.[k]);
DECLARE @added INT = @@ROWCOUNT;
SELECT (SELECT MAX([k]) FROM @page) AS [last], (SELECT COUNT(*) FROM @page) AS [seen], @added AS [added];`;
}

/**
 * Fills a claim queue from a source table's keys, in keyset pages, idempotently: run it again
 * after new rows arrive and only those are added.
 *
 * @example
 * ```ts
 * const { enqueued } = await mssqlEnqueue({ url: 'Server=db01;Database=XmlConversionDB;Trusted_Connection=yes', queue: 'loans', table: 'dbo.app_xml' });
 * ```
 */
export async function mssqlEnqueue(options: MssqlEnqueueOptions): Promise<MssqlEnqueueResult> {
  const pageSize = options.pageSize ?? 10_000;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new SluiceConfigError(`pageSize must be an integer ≥ 1; got ${pageSize}`, 'pageSize');
  const handle = openMssql(options, { poolMax: 1 });
  const schema = options.schema ?? handle.schema;
  const queueTable = qualify(options.queueTable ?? DEFAULT_QUEUE_TABLE, schema, nameParts);
  const table = qualify(options.table ?? 'app_xml', schema, nameParts);
  const queue = options.queue ?? DEFAULT_QUEUE_NAME;
  try {
    const { driver } = handle;
    const pool = await connected(handle);
    const key = await keyColumnOf(driver, pool, table, options.keyColumn ?? 'app_id');
    const keyType = options.keyType ?? (key.integer ? 'bigint' : 'text');
    await applyMssqlSchema(driver, pool, mssqlQueueDdl(queueTable, keyType));
    const f = await tableFilters(driver, pool, key, { partition: options.partition ?? {} }, options.where);
    const spec = { table, queueTable, key, keyType, conditions: f.conditions, ...(options.priorityExpression && { priorityExpression: options.priorityExpression }) };
    const first = enqueuePageSql({ ...spec, afterLast: false });
    const next = enqueuePageSql({ ...spec, afterLast: true });
    let last: unknown = null;
    let seen = 0;
    let enqueued = 0;
    for (;;) {
      const params: SqlParam[] = [
        ...f.params,
        { name: 'queue', type: 'nvarchar(200)', value: queue },
        { name: 'n', type: 'int', value: pageSize },
        { name: 'priority', type: 'int', value: options.priority ?? 0 },
      ];
      if (last !== null) params.push({ name: 'last', type: key.param, value: last });
      const r = await execute<{ last: unknown; seen: number; added: number }>(driver, pool, { text: last === null ? first : next, params });
      const row = r.recordset?.[0];
      const n = Number(row?.seen ?? 0);
      seen += n;
      enqueued += Number(row?.added ?? 0);
      if (n < pageSize || row?.last === null || row?.last === undefined) break;
      last = row.last;
    }
    let requeued = 0;
    if (options.requeueDead) {
      const r = await execute(driver, pool, {
        text: `UPDATE ${quoteName(queueTable)} SET [status] = N'pending', [attempts] = 0, [last_error] = NULL, [updated_at] = SYSUTCDATETIME() WHERE [queue] = @queue AND [status] = N'dead'`,
        params: [{ name: 'queue', type: 'nvarchar(200)', value: queue }],
      });
      requeued = r.rowsAffected[0] ?? 0;
    }
    return { seen, enqueued, requeued };
  } catch (error) {
    throw reachError(handle.identity, error);
  } finally {
    await handle.close();
  }
}
