import { SluiceConfigError } from '../../core/errors.js';
import type { BaseEnqueueOptions, EnqueueResult } from '../../checkpoint/claim-spec.js';
import { DEFAULT_QUEUE_NAME, DEFAULT_QUEUE_TABLE } from './postgres-claim-queue.js';
import { postgresNameParts, inTransaction, openPostgres, quoteIdent, type PgPool, type PostgresConnectionOptions } from './postgres-driver.js';
import { asKeyType, DDL_LOCK_SQL, postgresQueueDdl, type PostgresKeyType } from './postgres-schema.js';
import { reachError } from './postgres-errors.js';
import { qualify } from '../../core/qualified-name.js';
import { columnType } from './postgres-catalog.js';
import { tableFilters } from './postgres-source.js';

/** Options of `enqueue`. */
export interface EnqueueOptions extends PostgresConnectionOptions, BaseEnqueueOptions {
  /** Schema of the tables unless they are qualified. @default the search_path */
  readonly schema?: string;
  /** Extra SQL condition on the source table (alias `t`). Trusted SQL: never user input. */
  readonly where?: string;
  /** Priority as an SQL expression on the source row (alias `t`), e.g. `CASE WHEN t.amount > 1e5 THEN 1 ELSE 0 END`. Trusted SQL. */
  readonly priorityExpression?: string;
  /** Key type of the work table if it is created. @default 'bigint' for integer source keys, else 'text' */
  readonly keyType?: PostgresKeyType;
}

export type { EnqueueResult };

/**
 * Fills a claim queue from a source table's keys, in keyset pages, idempotently
 * (`ON CONFLICT DO NOTHING`): run it again after new rows arrive and only those are added.
 *
 * @example
 * ```ts
 * const { enqueued } = await enqueue({ url: process.env.DATABASE_URL, queue: 'loans', table: 'app_xml', keyColumn: 'app_id' });
 * ```
 */
export async function enqueue(options: EnqueueOptions): Promise<EnqueueResult> {
  const pageSize = options.pageSize ?? 10_000;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new SluiceConfigError(`pageSize must be an integer ≥ 1; got ${pageSize}`, 'pageSize');
  const queueTable = qualify(options.queueTable ?? DEFAULT_QUEUE_TABLE, options.schema, postgresNameParts);
  const table = qualify(options.table ?? 'app_xml', options.schema, postgresNameParts);
  const queue = options.queue ?? DEFAULT_QUEUE_NAME;
  const key = quoteIdent(options.keyColumn ?? 'app_id');
  const handle = openPostgres(options, { poolMax: 1 });
  try {
    const { pool } = handle;
    const keyType = options.keyType ?? (await sourceKeyType(pool, table, options.keyColumn ?? 'app_id'));
    await inTransaction(pool, async (c) => {
      await c.query(DDL_LOCK_SQL);
      for (const s of postgresQueueDdl(queueTable, keyType)) await c.query(s);
    });
    const f = await tableFilters(pool, { table, keyColumn: options.keyColumn ?? 'app_id' }, { partition: options.partition ?? {} }, options.where, 5);
    // A NULL from the expression falls back to `priority`; $4 is always referenced, so always typed.
    const prio = options.priorityExpression ? `coalesce((${options.priorityExpression})::int, $4::int)` : '$4::int';
    const page = (withLast: boolean) => `WITH page AS (
  SELECT t.${key} AS k, ${prio} AS p FROM ${quoteIdent(table)} t
  WHERE ${[withLast ? `t.${key} > $2` : '$2::text IS NULL', ...f.conditions].join(' AND ')} ORDER BY t.${key} LIMIT $3
), ins AS (
  INSERT INTO ${quoteIdent(queueTable)} ("queue", "key", "priority") SELECT $1, k, p FROM page ON CONFLICT DO NOTHING RETURNING 1
)
SELECT (SELECT k FROM page ORDER BY k DESC LIMIT 1), (SELECT count(*) FROM page), (SELECT count(*) FROM ins)`;
    let last: unknown = null;
    let seen = 0;
    let enqueued = 0;
    for (;;) {
      const values = [queue, last, pageSize, options.priority ?? 0, ...f.params];
      const r = await pool.query<[unknown, string, string]>({ text: page(last !== null), values, rowMode: 'array' });
      const [k, n, added] = r.rows[0]!;
      seen += Number(n);
      enqueued += Number(added);
      if (Number(n) < pageSize || k === null) break;
      last = k;
    }
    let requeued = 0;
    if (options.requeueDead) {
      const r = await pool.query({
        text: `UPDATE ${quoteIdent(queueTable)} SET "status" = 'pending', "attempts" = 0, "last_error" = NULL, "updated_at" = now() WHERE "queue" = $1 AND "status" = 'dead'`,
        values: [queue],
      });
      requeued = r.rowCount ?? 0;
    }
    return { seen, enqueued, requeued };
  } catch (error) {
    throw reachError(handle.identity, error);
  } finally {
    await handle.close();
  }
}

/** 'bigint' for an integer key column, else 'text'. */
async function sourceKeyType(pool: PgPool, table: string, column: string): Promise<PostgresKeyType> {
  const type = asKeyType(await columnType(pool, table, column));
  if (!type) throw new SluiceConfigError(`source table ${table} has no column ${column} (or does not exist); check the table (--source-table) and key column (--key)`, 'table');
  return type;
}
