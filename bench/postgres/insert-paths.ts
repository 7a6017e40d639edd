// Micro-measurement: rows/s of each way to insert a batch into PostgreSQL, one transaction per
// batch, as the sink commits: multi-row VALUES, INSERT ... SELECT FROM unnest(arrays), and COPY
// (when pg-copy-streams can be loaded: it is not a dependency; point PG_COPY_STREAMS at an install).
//
//   SLUICE_PG_URL=postgres://postgres@127.0.0.1:5432/test npx jiti bench/postgres/insert-paths.ts [rows] [batchRows]
//   PG_COPY_STREAMS=/tmp/pgcs/node_modules/pg-copy-streams SLUICE_PG_URL=... npx jiti bench/postgres/insert-paths.ts
import { createRequire } from 'node:module';
import { Readable, type Writable } from 'node:stream';
import { pipeline as streamPipeline } from 'node:stream/promises';
import { column, type ColumnDef } from '../../src/mapper/column.js';
import type { TableSchema } from '../../src/mapper/table.js';
import { inTransaction, openPostgres, quoteIdent, type PgClient } from '../../src/adapters/postgres/postgres-driver.js';
import { TableInserter } from '../../src/adapters/postgres/postgres-insert.js';
import { postgresTableDdl } from '../../src/adapters/postgres/postgres-schema.js';

const url = process.env.SLUICE_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = Number(process.argv[2] ?? 200_000);
const BATCH = Number(process.argv[3] ?? 2000);
const ROUNDS = 3;

function schemaOf(name: string, columns: Record<string, ColumnDef>, primaryKey: string[]): TableSchema {
  return { name, columns: Object.entries(columns).map(([n, c]) => ({ name: n, ...c })), primaryKey, indexes: [] };
}

const narrow = schemaOf('narrow', { id: column.bigint(), name: column.text({ maxLength: 40 }), born: column.date({ nullable: true }) }, ['id']);
const wide = schemaOf('wide', {
  id: column.bigint(), seq: column.integer(), first: column.text(), last: column.text(), street: column.text(), city: column.text(),
  zip: column.text({ nullable: true }), amount: column.decimal({ precision: 12, scale: 2 }), flag: column.boolean(),
  day: column.date(), at: column.timestamp(), score: column.number({ nullable: true }),
}, ['id', 'seq']);

function rowsFor(t: TableSchema, n: number): unknown[] {
  const v: unknown[] = [];
  for (let i = 0; i < n; i++) {
    if (t === narrow) v.push(i, `Person ${i}`, i % 7 ? '1980-01-02' : null);
    else v.push(i, 1, `Zoë ${i}`, "O'Neil\tÅngström", `${i} Main St\\2nd`, 'Springfield', i % 5 ? '62701' : null, `${i % 100000}.25`, i % 2, '2020-02-29', '2021-03-04T05:06:07.000Z', i % 3 ? i / 7 : null);
  }
  return v;
}

/** COPY text format: \N for NULL; backslash, tab, newline and CR escaped. */
function copyText(values: readonly unknown[], width: number, a: number, b: number): string {
  let out = '';
  for (let r = a; r < b; r++) {
    for (let c = 0; c < width; c++) {
      const x = values[r * width + c];
      out += (c ? '\t' : '') + (x === null || x === undefined ? '\\N' : (typeof x === 'string' ? x : JSON.stringify(x)).replace(/[\\\t\n\r]/g, (m) => (m === '\\' ? '\\\\' : m === '\t' ? '\\t' : m === '\n' ? '\\n' : '\\r')));
    }
    out += '\n';
  }
  return out;
}

type CopyFrom = (sql: string) => Writable;
function loadCopyFrom(): CopyFrom | undefined {
  try {
    return (createRequire(import.meta.url)(process.env.PG_COPY_STREAMS ?? 'pg-copy-streams') as { from: CopyFrom }).from;
  } catch {
    return undefined;
  }
}

async function main() {
  const h = openPostgres({ url }, { poolMax: 2 });
  const schema = `bench_insert_${process.pid}`;
  const copyFrom = loadCopyFrom();
  const paths: ('values' | 'unnest' | 'copy')[] = ['values', 'unnest', ...(copyFrom ? (['copy'] as const) : [])];
  await h.pool.query(`CREATE SCHEMA ${schema}`);
  try {
    for (const t of [narrow, wide]) {
      const name = `${schema}.${t.name}`;
      for (const s of postgresTableDdl(t, name)) await h.pool.query(s);
      const values = rowsFor(t, ROWS);
      const w = t.columns.length;
      const results = new Map<string, number[]>();
      for (let round = 0; round < ROUNDS; round++) {
        for (const path of paths) {
          await h.pool.query(`TRUNCATE ${quoteIdent(name)}`);
          const inserter = path === 'copy' ? undefined : new TableInserter(t, name, path);
          const t0 = performance.now();
          for (let a = 0; a < ROWS; a += BATCH) {
            const b = Math.min(ROWS, a + BATCH);
            await inTransaction(h.pool, async (c: PgClient) => {
              if (inserter) await inserter.insert(c, [[values, a, b]]);
              else {
                const sql = `COPY ${quoteIdent(name)} (${t.columns.map((x) => quoteIdent(x.name)).join(', ')}) FROM STDIN`;
                const stream = (c as unknown as { query(s: Writable): Writable }).query(copyFrom!(sql));
                await streamPipeline(Readable.from([copyText(values, w, a, b)]), stream);
              }
            });
          }
          const secs = (performance.now() - t0) / 1000;
          results.set(path, [...(results.get(path) ?? []), ROWS / secs]);
        }
      }
      for (const [path, r] of results) {
        const sorted = [...r].sort((x, y) => x - y);
        console.log(`${t.name.padEnd(6)} (${w} cols) ${path.padEnd(6)} median ${Math.round(sorted[1]!).toLocaleString('en-US').padStart(9)} rows/s  (runs: ${r.map((x) => Math.round(x).toLocaleString('en-US')).join(', ')})`);
      }
    }
  } finally {
    await h.pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await h.close();
  }
}

console.log(`${ROWS.toLocaleString('en-US')} rows, ${BATCH} rows per transaction, ${ROUNDS} rounds; ${url.replace(/\/\/[^@]*@/, '//')}`);
await main();
