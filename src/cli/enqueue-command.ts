import type { Command } from 'commander';
import { enqueue } from '../adapters/postgres/postgres-enqueue.js';
import { postgresIdentity } from '../adapters/postgres/postgres-driver.js';
import { keyRange, modulo, type Partition } from '../partition/partition.js';
import { redactUrl } from './endpoints.js';
import { intFlag, keyFlag } from './parse-flags.js';
import { postgresEndpoint, parsePostgresUrl } from './postgres-endpoint.js';
import { mssqlEndpoint, mssqlEnqueueTo } from './mssql-endpoint.js';
import { UsageError } from './usage-error.js';

interface EnqueueFlags {
  db: string;
  sourceTable: string;
  key: string;
  queue: string;
  queueTable: string;
  where?: string;
  priority: number;
  prioritySql?: string;
  keyStart?: number | string;
  keyEnd?: number | string;
  instanceId?: number;
  instanceCount?: number;
  requeueDead?: boolean;
  pageSize: number;
}

/** `sluice enqueue`: fill a claim queue from a table's keys, idempotently. */
export function registerEnqueueCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('enqueue')
    .description('add the keys of a source table to a claim queue (keys already queued are left alone); workers then run `sluice run --queue NAME`')
    .requiredOption('--db <url>', 'postgres://USER@HOST:PORT/DB[?schema=NAME] or a SQL Server URL or connection string: the source table and the queue')
    .option('--source-table <name>', 'source table', 'app_xml')
    .option('--key <column>', 'key column', 'app_id')
    .option('--queue <name>', 'queue name', 'default')
    .option('--queue-table <name>', 'work table', 'sluice_queue')
    .option('--where <sql>', 'extra SQL condition on the source table (alias t)')
    .option('--priority <n>', 'priority of the new items, higher first', intFlag(-2_147_483_648, 2_147_483_647), 0)
    .option('--priority-sql <expr>', 'priority as an SQL expression on the source row (alias t)')
    .option('--key-start <key>', 'first key (inclusive)', keyFlag)
    .option('--key-end <key>', 'last key (inclusive)', keyFlag)
    .option('--instance-id <i>', 'only keys with key % instance-count = i', intFlag(0))
    .option('--instance-count <n>', 'with --instance-id', intFlag(1))
    .option('--requeue-dead', 'also put dead-lettered items of this queue back to pending')
    .option('--page-size <n>', 'keys per statement', intFlag(1, 1_000_000), 10_000)
    .action(async (f: EnqueueFlags) => {
      const mssql = mssqlEndpoint.matches(f.db);
      if (!mssql && !postgresEndpoint.matches(f.db)) throw new UsageError(`--db ${redactUrl(f.db)}: the claim queue lives in PostgreSQL or SQL Server; use postgres://... or mssql://...`);
      if ((f.instanceId === undefined) !== (f.instanceCount === undefined)) throw new UsageError('--instance-id and --instance-count go together');
      let partition: Partition = f.instanceCount !== undefined ? modulo(f.instanceId!, f.instanceCount) : {};
      if (f.keyStart !== undefined || f.keyEnd !== undefined) partition = { ...partition, ...keyRange(f.keyStart, f.keyEnd) };
      const { url, schema } = mssql ? { url: f.db, schema: undefined } : parsePostgresUrl(f.db);
      const options = {
        queue: f.queue,
        queueTable: f.queueTable,
        table: f.sourceTable,
        keyColumn: f.key,
        partition,
        priority: f.priority,
        pageSize: f.pageSize,
        ...(f.where && { where: f.where }),
        ...(f.prioritySql && { priorityExpression: f.prioritySql }),
        ...(f.requeueDead && { requeueDead: true }),
      };
      const r = mssql ? await mssqlEnqueueTo(f.db, options) : { ...(await enqueue({ url, ...(schema && { schema }), ...options })), database: `postgres:${postgresIdentity({ url })}` };
      const db = r.database;
      process.stdout.write(
        `Queue "${f.queue}" in ${db}: ${r.enqueued.toLocaleString('en-US')} keys added, ${(r.seen - r.enqueued).toLocaleString('en-US')} already queued` +
          `${f.requeueDead ? `, ${r.requeued.toLocaleString('en-US')} dead items requeued` : ''}.\n`,
      );
      setExit(0);
    });
}
