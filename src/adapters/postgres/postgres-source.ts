import type { RecordKey, SourceRecord } from '../../core/record.js';
import { keysetPages } from '../../source/keyset-pages.js';
import type { CheckpointLocation, ReadRequest, Source } from '../../source/source.js';
import { openPostgres, quoteIdent, type PgHandle, type PgPool, type PostgresConnectionOptions } from './postgres-driver.js';
import { SluiceConfigError } from '../../core/errors.js';
import { asKeyType } from './postgres-schema.js';
import { reachError, retryTransient } from './postgres-errors.js';
import { checkPostgresSource } from './postgres-source-check.js';
import { columnType, logKeyType } from './postgres-catalog.js';

/** Options of `postgresSource`. */
export interface PostgresSourceOptions extends PostgresConnectionOptions {
  /** Table holding the XML records, schema-qualified if needed (`loans.app_xml`). @default 'app_xml' */
  readonly table?: string;
  /** Key column (integer or text, unique, indexed). @default 'app_id' */
  readonly keyColumn?: string;
  /** XML column. @default 'xml' */
  readonly payloadColumn?: string;
  /** Extra SQL condition on the table (alias `t`), e.g. `t.xml IS NOT NULL`. Trusted SQL: never user input. */
  readonly where?: string;
}

/** SQL conditions and their parameters; `$n` numbering continues from `first`. */
export interface Filters {
  readonly conditions: string[];
  readonly params: unknown[];
  /** The "not already checkpointed" condition, if any (it is also in `conditions`). */
  readonly checkpointed?: string;
  /**
   * The same condition for use inside an OR: it probes the log's key index row by row. Without
   * `OFFSET 0` PostgreSQL turns it into a hashed subplan there, which reads the whole log once per
   * query: a page of 100 records read every entry logged so far.
   */
  readonly checkpointedProbe?: string;
}

const INT8 = 20;

/** int8 keys arrive as strings from pg; they become numbers when exact. */
export function keyOf(value: unknown, dataTypeID: number | undefined): RecordKey {
  if (dataTypeID === INT8 && typeof value === 'string') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  return typeof value === 'number' ? value : String(value);
}

/**
 * The partition, `where` and "not already checkpointed" filters of a table read, as SQL on alias `t`.
 * Shared by the table source and the queue (enqueue).
 */
export async function tableFilters(
  pool: PgPool,
  source: { readonly table: string; readonly keyColumn: string },
  request: Pick<ReadRequest, 'partition' | 'skip'>,
  where: string | undefined,
  first = 1,
): Promise<Filters> {
  // A NULL key can be neither read by keyset nor checkpointed: the source reports such records.
  const key = quoteIdent(source.keyColumn);
  const conditions: string[] = [`t.${key} IS NOT NULL`];
  const params: unknown[] = [];
  let checkpointed: string | undefined;
  let checkpointedProbe: string | undefined;
  const p = (v: unknown) => `$${first + params.push(v) - 1}`;
  const { modulo, range } = request.partition;
  if (modulo && modulo.count > 1) {
    const integer = asKeyType(await columnType(pool, source.table, source.keyColumn)) === 'bigint';
    conditions.push(`(${integer ? `t.${key}` : postgresTextKeyHash(`t.${key}`)} % ${modulo.count}) = ${modulo.index}`);
  }
  if (range?.start !== undefined) conditions.push(`t.${key} >= ${p(range.start)}`);
  if (range?.end !== undefined) conditions.push(`t.${key} <= ${p(range.end)}`);
  if (where) conditions.push(`(${where})`);
  if (request.skip) {
    const type = await logKeyType(pool, request.skip.log.table);
    if (type) {
      const failed = request.skip.retryFailed ? ` AND l."status" <> 'failed'` : '';
      const version = request.skip.mappingVersion === undefined ? '' : ` AND l."mapping_version" = ${p(request.skip.mappingVersion)}`;
      const logged = `SELECT 1 FROM ${quoteIdent(request.skip.log.table)} l WHERE l."key" = t.${key}::${type}${failed}${version}`;
      checkpointed = `NOT EXISTS (${logged})`;
      checkpointedProbe = `NOT EXISTS (${logged} OFFSET 0)`;
      conditions.push(checkpointed);
    }
  }
  return { conditions, params, ...(checkpointed && { checkpointed, checkpointedProbe }) };
}

/**
 * `textKeyHash` in SQL: the first 4 bytes of SHA-256 over the key's UTF-8 bytes, as an unsigned
 * 32-bit number (a bigint). `convert_to` makes the bytes UTF-8 whatever the database encoding;
 * `::text` lets any key type (varchar, uuid) through as its text. Needs PostgreSQL 11 (sha256).
 */
export function postgresTextKeyHash(key: string): string {
  return `('x' || encode(substr(sha256(convert_to(${key}::text, 'UTF8')), 1, 4), 'hex'))::bit(32)::bigint`;
}

/** The SQL of a payload's size in bytes: `octet_length` of text and bytea; an xml value is measured as its text. */
export async function payloadSize(pool: PgPool, table: string, column: string, sql: string): Promise<string> {
  const type = await columnType(pool, table, column);
  return type === 'xml' ? `octet_length(${sql}::text)` : `octet_length(${sql})`;
}

/** True if a checkpoint log is a PostgreSQL table in the database this handle reaches. */
export function sameDatabase(identity: string, log: CheckpointLocation): boolean {
  return log.kind === 'postgres' && log.database === identity;
}

/**
 * Reads records from a PostgreSQL table by keyset pages (`WHERE key > $1 ORDER BY key LIMIT n`),
 * one short query per page pulled, with the partition and, when the checkpoint log is in the
 * same database, the "not already checkpointed" filter (NOT EXISTS) in SQL. A page query that
 * meets a lost connection is retried. Documents over `maxPayloadBytes` are not fetched.
 *
 * @example
 * ```ts
 * const source = postgresSource({ url: process.env.DATABASE_URL, table: 'loans.app_xml', keyColumn: 'app_id', payloadColumn: 'xml' });
 * ```
 */
export function postgresSource(options: PostgresSourceOptions): Source {
  const table = options.table ?? 'app_xml';
  const keyColumn = options.keyColumn ?? 'app_id';
  const key = quoteIdent(keyColumn);
  const payload = quoteIdent(options.payloadColumn ?? 'xml');
  let handle: PgHandle | undefined;
  const open = () => (handle ??= openPostgres(options, { poolMax: 2 }));
  const identity = options.pool ? (options.identity ?? 'pool') : open().identity;

  return {
    name: `postgres:${identity}#${table}`,
    filtersPartition: true,
    canSkip: (log) => sameDatabase(identity, log),
    async check() {
      const shape = { database: `postgres:${identity}`, table, keyColumn: options.keyColumn ?? 'app_id', payloadColumn: options.payloadColumn ?? 'xml' };
      try {
        await checkPostgresSource(open().pool, { ...shape, ...(options.where !== undefined && { where: options.where }) });
      } catch (error) {
        throw error instanceof SluiceConfigError ? error : reachError(identity, error);
      }
    },
    async keyKind() {
      const type = asKeyType(await retryTransient(() => columnType(open().pool, table, options.keyColumn ?? 'app_id')));
      return type && (type === 'bigint' ? 'integer' : 'text');
    },
    async *pages(request: ReadRequest): AsyncGenerator<SourceRecord[]> {
      const { pool } = open();
      const f = await retryTransient(() => tableFilters(pool, { table, keyColumn }, request, options.where, 2), request);
      if (request.keyIssues) {
        const where = options.where ? ` AND (${options.where})` : '';
        const r = await retryTransient(() => pool.query<[string]>({ text: `SELECT count(*) FROM ${quoteIdent(table)} t WHERE t.${key} IS NULL${where}`, rowMode: 'array' }), request);
        const unkeyed = Number(r.rows[0]?.[0] ?? 0);
        if (unkeyed) request.keyIssues.nullKeys(unkeyed);
      }
      const max = request.maxPayloadBytes;
      const size = max === undefined ? '' : await retryTransient(() => payloadSize(pool, table, options.payloadColumn ?? 'xml', `t.${payload}`), request);
      // $1 is the last key read: its rows come again first, without their documents (keysetPages).
      // A document over the limit is withheld too and only its size is sent: octet_length reads a
      // TOASTed value's size from its header, so even the server does not load it.
      const columns = (after: boolean) => {
        const cases = [...(after ? [`WHEN t.${key} = $1 THEN NULL`] : []), ...(max === undefined ? [] : [`WHEN ${size} > ${Math.floor(max)} THEN NULL`])];
        const doc = cases.length ? `CASE ${cases.join(' ')} ELSE t.${payload} END` : `t.${payload}`;
        return max === undefined ? doc : `${doc}, ${size}`;
      };
      const limitParam = `$${f.params.length + 2}`;
      // The first page has no last key: a typed NULL keeps the numbering of $2...
      const first = `SELECT t.${key}, ${columns(false)} FROM ${quoteIdent(table)} t WHERE ${['$1::text IS NULL', ...f.conditions].join(' AND ')} ORDER BY t.${key} LIMIT ${limitParam}`;
      // The last key's rows come again even when logged meanwhile; the rest are probed in the log.
      const again = f.conditions.map((c) => (c === f.checkpointed ? `(t.${key} = $1 OR ${f.checkpointedProbe})` : c));
      const next = `SELECT t.${key}, ${columns(true)} FROM ${quoteIdent(table)} t WHERE ${[`t.${key} >= $1`, ...again].join(' AND ')} ORDER BY t.${key} LIMIT ${limitParam}`;
      yield* keysetPages(async (after, limit) => {
        const r = await retryTransient(() =>
          pool.query<[unknown, string | Uint8Array | null, number?]>({ text: after === undefined ? first : next, values: [after?.raw ?? null, ...f.params, limit], rowMode: 'array' }),
          request,
        );
        const type = r.fields[0]?.dataTypeID;
        return r.rows.map((row) => {
          const k = keyOf(row[0], type);
          return { raw: row[0], record: max !== undefined && row[2]! > max ? { key: k, payload: '', withheldBytes: row[2]! } : { key: k, payload: row[1] ?? '' } };
        });
      }, request);
    },
    async count(request) {
      const { pool } = open();
      const f = await retryTransient(() => tableFilters(pool, { table, keyColumn }, request, options.where), request);
      const where = f.conditions.length ? ` WHERE ${f.conditions.join(' AND ')}` : '';
      const r = await retryTransient(() => pool.query<[string]>({ text: `SELECT count(*) FROM ${quoteIdent(table)} t${where}`, values: f.params, rowMode: 'array' }), request);
      const total = Number(r.rows[0]?.[0] ?? 0);
      return request.limit === undefined ? total : Math.min(total, request.limit);
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
  };
}
