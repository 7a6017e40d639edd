import type { RecordKey, SourceRecord } from '../../core/record.js';
import type { CheckpointLocation, ReadRequest, Source } from '../../source/source.js';
import { openPostgres, quoteIdent, type PgHandle, type PgPool, type PostgresConnectionOptions } from './postgres-driver.js';
import { SluiceConfigError } from '../../core/errors.js';
import { reachError, retryTransient } from './postgres-errors.js';
import { checkPostgresSource } from './postgres-source-check.js';

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

/** A column's SQL type (`bigint`, `text`, `character varying(20)`...), or undefined if the table or column is missing. */
export async function columnType(pool: PgPool, table: string, column: string): Promise<string | undefined> {
  const r = await pool.query<[string]>({
    text: `SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND NOT a.attisdropped`,
    values: [quoteIdent(table), column],
    rowMode: 'array',
  });
  return r.rows[0]?.[0];
}

/** The log's key type, or undefined if the log does not exist yet. */
export function logKeyType(pool: PgPool, logTable: string): Promise<string | undefined> {
  return columnType(pool, logTable, 'key');
}

/**
 * The partition, `where` and "not already checkpointed" filters of a table read, as SQL on alias `t`.
 * Shared by the table source and the queue (enqueue).
 */
export async function tableFilters(
  pool: PgPool,
  key: string,
  request: Pick<ReadRequest, 'partition' | 'skip'>,
  where: string | undefined,
  first = 1,
): Promise<Filters> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${first + params.push(v) - 1}`;
  const { modulo, range } = request.partition;
  if (modulo && modulo.count > 1) conditions.push(`(t.${key} % ${modulo.count}) = ${modulo.index}`);
  if (range?.start !== undefined) conditions.push(`t.${key} >= ${p(range.start)}`);
  if (range?.end !== undefined) conditions.push(`t.${key} <= ${p(range.end)}`);
  if (where) conditions.push(`(${where})`);
  if (request.skip) {
    const type = await logKeyType(pool, request.skip.log.table);
    if (type) {
      const failed = request.skip.retryFailed ? ` AND l."status" <> 'failed'` : '';
      conditions.push(`NOT EXISTS (SELECT 1 FROM ${quoteIdent(request.skip.log.table)} l WHERE l."key" = t.${key}::${type}${failed})`);
    }
  }
  return { conditions, params };
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
  const key = quoteIdent(options.keyColumn ?? 'app_id');
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
    async *pages(request: ReadRequest): AsyncGenerator<SourceRecord[]> {
      const { pool } = open();
      const f = await retryTransient(() => tableFilters(pool, key, request, options.where, 2));
      const max = request.maxPayloadBytes;
      const size = max === undefined ? '' : await retryTransient(() => payloadSize(pool, table, options.payloadColumn ?? 'xml', `t.${payload}`));
      // A document over the limit is withheld (NULL) and only its size is sent: octet_length
      // reads a TOASTed value's size from its header, so even the server does not load it.
      const columns = max === undefined ? `t.${payload}` : `CASE WHEN ${size} > ${Math.floor(max)} THEN NULL ELSE t.${payload} END, ${size}`;
      const base = `SELECT t.${key}, ${columns} FROM ${quoteIdent(table)} t`;
      const where = (first: string[]) => {
        const all = [...first, ...f.conditions];
        return all.length ? ` WHERE ${all.join(' AND ')}` : '';
      };
      const limitParam = `$${f.params.length + 2}`;
      // $1 is the last key; the first page has none (a typed NULL keeps the numbering of $2...).
      const first = `${base}${where(['$1::text IS NULL'])} ORDER BY t.${key} LIMIT ${limitParam}`;
      const next = `${base}${where([`t.${key} > $1`])} ORDER BY t.${key} LIMIT ${limitParam}`;
      let last: RecordKey | null = null;
      let remaining = request.limit ?? Infinity;
      while (remaining > 0 && !request.signal?.aborted) {
        const n = Math.min(request.pageSize, remaining);
        const r = await retryTransient(() => pool.query<[unknown, string | Uint8Array | null, number?]>({ text: last === null ? first : next, values: [last, ...f.params, n], rowMode: 'array' }));
        if (r.rows.length === 0) return;
        const type = r.fields[0]?.dataTypeID;
        const page = new Array<SourceRecord>(r.rows.length);
        for (let i = 0; i < r.rows.length; i++) {
          const row = r.rows[i]!;
          const k = keyOf(row[0], type);
          page[i] = max !== undefined && row[2]! > max ? { key: k, payload: '', withheldBytes: row[2]! } : { key: k, payload: row[1] ?? '' };
        }
        last = page[page.length - 1]!.key;
        remaining -= page.length;
        yield page;
        if (page.length < n) return;
      }
    },
    async count(request) {
      const { pool } = open();
      const f = await tableFilters(pool, key, request, options.where);
      const where = f.conditions.length ? ` WHERE ${f.conditions.join(' AND ')}` : '';
      const r = await retryTransient(() => pool.query<[string]>({ text: `SELECT count(*) FROM ${quoteIdent(table)} t${where}`, values: f.params, rowMode: 'array' }));
      const total = Number(r.rows[0]?.[0] ?? 0);
      return request.limit === undefined ? total : Math.min(total, request.limit);
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
  };
}
