import type { Command } from 'commander';
import { addStateTableFlags } from './queue-flags.js';
import { inTransaction, openPostgres } from '../adapters/postgres/postgres-driver.js';
import { DDL_LOCK_SQL, postgresInitStatements } from '../adapters/postgres/postgres-schema.js';
import type { TableSchema } from '../mapper/table.js';
import { DEFAULTS } from '../pipeline/options.js';
import { createWorkerPool } from '../worker/worker-pool.js';
import type { MapperRef } from '../worker/load-mapper.js';
import { addMapperFlags, mapperFrom, type MapperFlags } from './mapper-flags.js';
import { reachError } from '../adapters/postgres/postgres-errors.js';
import { postgresEndpoint, parsePostgresUrl } from './postgres-endpoint.js';
import { mssqlEndpoint, mssqlInit } from './mssql-endpoint.js';
import { redactUrl } from './endpoints.js';
import { UsageError } from './usage-error.js';

interface InitFlags extends MapperFlags {
  sink: string;
  print?: boolean;
  logTable: string;
  queueTable: string;
  queue: boolean;
  keyType: string;
}

/** The mapper's tables, loaded in a worker exactly as a run loads them. */
async function mapperTables(ref: MapperRef): Promise<TableSchema[]> {
  const pool = createWorkerPool({ workers: 1, tasksPerWorker: 1, memoryLimitMb: DEFAULTS.workerMemoryLimitMb });
  try {
    return await pool.describe(ref);
  } finally {
    await pool.destroy();
  }
}

/** `sluice init`: create (or print) target tables, processing_log and the claim queue, with their indexes. */
export function registerInitCommand(program: Command, setExit: (code: number) => void): void {
  addStateTableFlags(addMapperFlags(program
    .command('init')
    .description('create the target tables, processing_log and the claim queue (with the indexes resume and claims need) from a mapper')
    .requiredOption('--sink <url>', 'postgres://USER@HOST:PORT/DB[?schema=NAME], mssql://USER:PASS@HOST:PORT/DB[?schema=NAME] or "Server=HOST\\INSTANCE;Database=DB;..."')
    .option('--print', 'print the SQL instead of running it')
    .option('--no-queue', 'do not create the claim queue table')
    .option('--key-type <type>', 'key type of processing_log and the queue: bigint or text', 'bigint')))
    .action(async (f: InitFlags) => {
      const mssql = mssqlEndpoint.matches(f.sink);
      if (!mssql && !postgresEndpoint.matches(f.sink)) throw new UsageError(`--sink ${redactUrl(f.sink)}: init supports PostgreSQL and SQL Server URLs (SQLite sinks create their tables at run time)`);
      if (f.keyType !== 'bigint' && f.keyType !== 'text') throw new UsageError(`--key-type must be bigint or text; got "${f.keyType}"`);
      const m = mapperFrom(f);
      const mapper: MapperRef = typeof m === 'string' ? { path: m } : { mapping: m };
      if (mssql) {
        process.stdout.write(await mssqlInit({ ...f, keyType: f.keyType }, await mapperTables(mapper)));
        return setExit(0);
      }
      const { url, schema } = parsePostgresUrl(f.sink);
      const statements = postgresInitStatements({
        tables: await mapperTables(mapper),
        ...(schema && { schema }),
        logTable: f.logTable,
        keyType: f.keyType,
        ...(f.queue && { queueTable: f.queueTable }),
      });
      if (f.print) {
        process.stdout.write(`${statements.map((s) => `${s};`).join('\n\n')}\n`);
        return setExit(0);
      }
      const handle = openPostgres({ url }, { poolMax: 1 });
      try {
        await inTransaction(handle.pool, async (c) => {
          await c.query(DDL_LOCK_SQL);
          for (const s of statements) await c.query(s);
        });
      } catch (error) {
        throw reachError(handle.identity, error);
      } finally {
        await handle.close();
      }
      process.stdout.write(`Ran ${statements.length} CREATE ... IF NOT EXISTS statements (tables, indexes) in postgres:${handle.identity}${schema ? ` (schema ${schema})` : ''}.\n`);
      setExit(0);
    });
}
