// Throughput of 1, 2 and 3 processes on one machine, against one PostgreSQL server: static
// partitions (`sluice run --instance-id I --instance-count N`) and the claim queue. Generated
// credit applications (medium), the example mapper. Needs the build (`npm run build`).
//
//   SLUICE_PG_URL=postgres://postgres@127.0.0.1:5432/test npx jiti bench/postgres/processes.ts [records] [workersPerProcess]
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { enqueue } from '../../src/adapters/postgres/postgres-enqueue.js';
import { openPostgres } from '../../src/adapters/postgres/postgres-driver.js';
import { generateApplication } from '../../src/demo/credit-app-generator.js';

const url = process.env.SLUICE_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = Number(process.argv[2] ?? 12_000);
const WORKERS = Number(process.argv[3] ?? 1);
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}dist/cli.js`;
const mapper = `${root}dist/credit-app-mapper.js`;
const worker = fileURLToPath(new URL('./queue-worker.mjs', import.meta.url));
const docs = Array.from({ length: N }, (_, i) => generateApplication(i + 1, { size: 'medium' }).xml);

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}: ${err}`))));
  });
}

async function once(mode: 'static' | 'queue', processes: number): Promise<number> {
  const h = openPostgres({ url }, { poolMax: 1 });
  const schema = `bench_proc_${process.pid}_${mode}_${processes}`;
  await h.pool.query(`CREATE SCHEMA ${schema}`);
  try {
    await h.pool.query(`CREATE TABLE ${schema}.app_xml (app_id bigint PRIMARY KEY, xml text)`);
    for (let a = 0; a < N; a += 2000) {
      const ids = Array.from({ length: Math.min(2000, N - a) }, (_, i) => a + i + 1);
      await h.pool.query({ text: `INSERT INTO ${schema}.app_xml SELECT * FROM unnest($1::bigint[], $2::text[])`, values: [ids, ids.map((id) => docs[id - 1])] });
    }
    if (mode === 'queue') await enqueue({ url, schema, queue: 'bench' });
    const u = `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: processes }, (_, i) =>
        mode === 'static'
          ? run([cli, 'run', '--source', u, '--sink', u, '--mapper', mapper, '--workers', String(WORKERS), '--batch-size', '500',
              '--instance-id', String(i), '--instance-count', String(processes), '--no-metrics', '--no-progress'])
          : run([worker, JSON.stringify({ url, schema, mapper, workers: WORKERS })]),
      ),
    );
    const secs = (performance.now() - t0) / 1000;
    const done = await h.pool.query<[string]>({ text: `SELECT count(*) FROM ${schema}.processing_log`, rowMode: 'array' });
    if (Number(done.rows[0]![0]) !== N) throw new Error(`${mode} ${processes}: ${done.rows[0]![0]} of ${N} in the log`);
    return N / secs;
  } finally {
    await h.pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await h.close();
  }
}

console.log(`${N.toLocaleString('en-US')} medium credit applications, ${WORKERS} worker thread(s) per process, ${availableParallelism()} CPUs; records/s (wall time, process start included)`);
for (const mode of ['static', 'queue'] as const) {
  const line: string[] = [];
  for (const p of [1, 2, 3]) line.push(`${p} process${p > 1 ? 'es' : ''}: ${Math.round(await once(mode, p)).toLocaleString('en-US')}`);
  console.log(`${mode.padEnd(6)}  ${line.join('   ')}`);
}
