// The hand-written loop into PostgreSQL: the same reading, parsing and mapping as loop.ts, and
// the insert path Sluice's PostgreSQL sink uses (one INSERT ... SELECT FROM unnest($1::t[], ...)
// per table per transaction), 1,000 records a transaction with a log entry each.
import pg from 'pg';
import { parse, type MapFn } from './loop.js';

/** Name and PostgreSQL type of each column; a type ending in `?` is nullable. */
type Columns = readonly (readonly [name: string, type: string])[];
const id = [['app_id', 'integer'], ['seq', 'integer']] as const;
const TABLES: Record<string, { columns: Columns; key: string }> = {
  app_base: {
    columns: [
      ['app_id', 'integer'], ['application_date', 'date'], ['product_type', 'varchar(40)'], ['requested_amount', 'numeric(12,2)'], ['term_months', 'integer'],
      ['channel', 'varchar(20)'], ['status', 'varchar(20)'], ['first_name', 'varchar(100)'], ['last_name', 'varchar(100)'], ['birth_date', 'date'],
      ['ssn_last4', 'varchar(4)'], ['email', 'varchar(200)?'], ['annual_income', 'numeric(12,2)'], ['is_joint', 'boolean'],
    ],
    key: 'app_id',
  },
  app_contact: { columns: [...id, ['type', 'varchar(10)'], ['phone', 'varchar(30)'], ['email', 'varchar(200)?'], ['preferred', 'boolean']], key: 'app_id, seq' },
  app_address: {
    columns: [...id, ['type', 'varchar(10)'], ['line1', 'varchar(200)'], ['line2', 'varchar(200)?'], ['city', 'varchar(100)'], ['state', 'varchar(10)'], ['postal_code', 'varchar(12)'], ['country', 'varchar(2)'], ['years_at_address', 'integer?']],
    key: 'app_id, seq',
  },
  app_employment: {
    columns: [...id, ['employer', 'varchar(200)'], ['title', 'varchar(100)?'], ['start_date', 'date'], ['end_date', 'date?'], ['monthly_income', 'numeric(10,2)?'], ['is_current', 'boolean']],
    key: 'app_id, seq',
  },
  app_tradeline: {
    columns: [...id, ['creditor', 'varchar(200)'], ['account_type', 'varchar(20)'], ['opened_date', 'date'], ['balance', 'numeric(12,2)'], ['credit_limit', 'numeric(12,2)?'], ['payment_status', 'varchar(20)'], ['months_reviewed', 'integer']],
    key: 'app_id, seq',
  },
  processing_log: { columns: [['key', 'bigint'], ['status', 'text'], ['error', 'text?'], ['finished_at', 'timestamptz']], key: 'key' },
};

/** `INSERT INTO schema.t SELECT * FROM unnest($1::integer[], ...)`: one statement for all of a transaction's rows of a table. */
const insertSql = (schema: string, table: string, columns: Columns) =>
  `INSERT INTO "${schema}".${table} SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type.replace('?', '')}[]`).join(', ')})`;

/** Loads `records` documents of `sourceTable` (those with app_id % count = index) into `schema`; calls `committed` after each transaction. */
export async function loopPostgres(url: string, sourceTable: string, schema: string, records: number, map: MapFn, committed: (done: number, failed: number) => void, [index, count] = [0, 1]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [table, { columns, key }] of Object.entries(TABLES)) {
      // Two loops of one bench round create the tables at once: the loser of that race goes on.
      await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".${table} (${columns.map(([c, t]) => (t.endsWith('?') ? `${c} ${t.slice(0, -1)}` : `${c} ${t} NOT NULL`)).join(', ')}, PRIMARY KEY (${key}))`).catch((e: { code?: string }) => {
        if (e.code !== '23505' && e.code !== '42P07') throw e;
      });
    }
    const done = { n: 0, failed: 0 };
    for (let last = 0; done.n < records; ) {
      const page = await client.query<{ app_id: string; xml: string }>(
        `SELECT app_id, xml FROM ${sourceTable} WHERE app_id > $1 AND app_id % $2 = $3 ORDER BY app_id LIMIT $4`,
        [last, count, index, Math.min(1000, records - done.n)],
      );
      if (page.rows.length === 0) break;
      // Column arrays per table, filled as the documents are mapped.
      const cols: Record<string, unknown[][]> = {};
      for (const [table, { columns }] of Object.entries(TABLES)) cols[table] = columns.map(() => []);
      const log = (key: number, status: string, error: string | null) => {
        [key, status, error, new Date().toISOString()].forEach((v, c) => cols.processing_log![c]!.push(v));
      };
      for (const { app_id, xml } of page.rows) {
        const key = Number(app_id);
        try {
          const rows = map(parse(xml), key);
          for (const [table, values] of rows) values.forEach((v, c) => cols[table]![c]!.push(v));
          log(key, 'succeeded', null);
        } catch (e) {
          log(key, 'failed', `record ${key}: ${(e as Error).message}`);
          done.failed++;
        }
      }
      await client.query('BEGIN');
      for (const [table, { columns }] of Object.entries(TABLES)) {
        if (cols[table]![0]!.length) await client.query(insertSql(schema, table, columns), cols[table]);
      }
      await client.query('COMMIT');
      done.n += page.rows.length;
      last = Number(page.rows[page.rows.length - 1]!.app_id);
      committed(done.n, done.failed);
    }
  } finally {
    await client.end();
  }
}
