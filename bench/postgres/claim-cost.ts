// Micro-measurement: the claim queue's own cost. C concurrent claimers (one connection each)
// claim N keys at a time with FOR UPDATE SKIP LOCKED and finish them as the sink does (status
// 'done' in a transaction), until the queue is empty. Prints ms per claim and per finish, and
// the keys/s the queue table sustains: the ceiling on records/s however many processes run.
//
//   SLUICE_PG_URL=postgres://postgres@127.0.0.1:5432/test npx jiti bench/postgres/claim-cost.ts [items]
import { hrtime } from 'node:process';
import { claimItems, finishQueueItems, type ClaimSpec } from '../../src/adapters/postgres/postgres-claim-queue.js';
import { inTransaction, openPostgres, type PgPool } from '../../src/adapters/postgres/postgres-driver.js';
import { postgresQueueDdl } from '../../src/adapters/postgres/postgres-schema.js';

const url = process.env.SLUICE_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ITEMS = Number(process.argv[2] ?? 60_000);
const schema = `bench_claim_${process.pid}`;
const table = `${schema}.sluice_queue`;

const ms = () => Number(hrtime.bigint()) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function fill(pool: PgPool, done: number): Promise<void> {
  await pool.query(`TRUNCATE ${table}`);
  // A realistic table: `done` finished items (the history a long load leaves) before the pending ones.
  await pool.query({ text: `INSERT INTO ${table} (queue, key, status) SELECT 'q', g, 'done' FROM generate_series(1, $1::int) g`, values: [done] });
  await pool.query({ text: `INSERT INTO ${table} (queue, key) SELECT 'q', g FROM generate_series($1::int + 1, $1::int + $2::int) g`, values: [done, ITEMS] });
  await pool.query(`VACUUM ANALYZE ${table}`);
}

async function claimer(pool: PgPool, id: number, n: number, claims: number[], finishes: number[]): Promise<number> {
  const spec: ClaimSpec = { table, queue: 'q', owner: `bench-${id}`, leaseMillis: 60_000, maxAttempts: 3 };
  let keys = 0;
  for (;;) {
    const t0 = ms();
    const items = await claimItems(pool, spec, n);
    claims.push(ms() - t0);
    if (items.length === 0) return keys;
    keys += items.length;
    const t1 = ms();
    await inTransaction(pool, (c) =>
      finishQueueItems(c, table, 'q', 'bigint', items.map((i) => ({ key: Number(i.key), status: 'succeeded', error: null, attempts: 1, startedAt: 0, finishedAt: 0 }))),
    );
    finishes.push(ms() - t1);
  }
}

async function main() {
  const h = openPostgres({ url }, { poolMax: 8 });
  await h.pool.query(`CREATE SCHEMA ${schema}`);
  try {
    for (const s of postgresQueueDdl(table)) await h.pool.query(s);
    console.log(`${ITEMS.toLocaleString('en-US')} pending items after 500,000 done ones; each claim is followed by its finish`);
    console.log('claimers  keys/claim  claim p50  claim p95  finish p50  keys/s (queue only)');
    for (const n of [100, 1000]) {
      for (const c of [1, 3]) {
        await fill(h.pool, 500_000);
        const claims: number[] = [];
        const finishes: number[] = [];
        const t0 = ms();
        const got = await Promise.all(Array.from({ length: c }, (_, i) => claimer(h.pool, i, n, claims, finishes)));
        const secs = (ms() - t0) / 1000;
        const total = got.reduce((a, b) => a + b, 0);
        if (total !== ITEMS) throw new Error(`claimed ${total} of ${ITEMS}`);
        console.log(
          `${String(c).padStart(8)}  ${String(n).padStart(10)}  ${pct(claims, 50).toFixed(2).padStart(7)} ms  ${pct(claims, 95).toFixed(2).padStart(7)} ms  ${pct(finishes, 50).toFixed(2).padStart(8)} ms  ${Math.round(total / secs).toLocaleString('en-US').padStart(10)}`,
        );
      }
    }
  } finally {
    await h.pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await h.close();
  }
}

await main();
