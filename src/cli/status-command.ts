import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { sqliteStatus } from '../adapters/sqlite/index.js';
import { postgresStatus, type PostgresStatus } from '../adapters/postgres/postgres-checkpoint.js';
import { redactUrl } from './endpoints.js';
import { postgresEndpoint, parsePostgresUrl } from './postgres-endpoint.js';
import { mssqlEndpoint, mssqlStatusOf } from './mssql-endpoint.js';
import { UsageError } from './usage-error.js';

interface StatusFlags {
  db: string;
  queue?: string;
  logTable: string;
  queueTable: string;
  json?: boolean;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The text `sluice status` prints. */
export function formatStatus(s: Omit<PostgresStatus, 'queues'> & { queues?: PostgresStatus['queues'] }, kind: 'postgres' | 'mssql' | 'sqlite' = 'postgres'): string {
  const lines = [`${kind}:${s.database}`];
  lines.push(`processing_log: ${n(s.log.succeeded)} succeeded, ${n(s.log.failed)} failed, ${n(s.log.skipped)} skipped`);
  for (const i of s.instances) {
    lines.push(`  instance ${i.instanceId}/${i.instanceCount}: ${n(i.succeeded)} succeeded, ${n(i.failed)} failed, ${n(i.skipped)} skipped; last commit ${i.lastFinishedAt ?? '-'}`);
  }
  const queues = s.queues ?? [];
  if (kind !== 'sqlite' && queues.length === 0) lines.push('no claim queue items');
  for (const q of queues) {
    lines.push(
      `queue "${q.queue}": ${n(q.pending)} pending, ${n(q.claimed)} in progress, ${n(q.expired)} with expired lease, ${n(q.done)} done, ` +
        `${n(q.dead)} dead (${n(q.failed)} failed records, ${n(q.dead - q.failed)} out of attempts)`,
    );
    if (q.oldestLease) lines.push(`  oldest lease: ${q.oldestLease.owner}, claimed ${q.oldestLease.claimedAt}, expires ${q.oldestLease.expiresAt}`);
    for (const o of q.owners) lines.push(`  ${o.owner}: ${n(o.claimed)} in progress, ${n(o.done)} done`);
  }
  return lines.join('\n');
}

/** `sluice status`: progress of loads from the database alone (any process, any machine). */
export function registerStatusCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('status')
    .description('show processing_log counts per status and instance, and claim queue items per state, oldest lease and work per process')
    .requiredOption('--db <url>', 'sqlite:PATH, postgres://USER@HOST:PORT/DB[?schema=NAME], or a SQL Server URL or connection string')
    .option('--queue <name>', 'only this queue')
    .option('--log-table <name>', 'checkpoint table', 'processing_log')
    .option('--queue-table <name>', 'claim queue work table', 'sluice_queue')
    .option('--json', 'print JSON')
    .action(async (f: StatusFlags) => {
      if (f.db.startsWith('sqlite:')) {
        const file = f.db.replace(/^sqlite:(\/\/)?/, '');
        if (!existsSync(file)) throw new UsageError(`database not found: ${file}; check --db`);
        const s = sqliteStatus({ file, logTable: f.logTable });
        process.stdout.write(`${f.json ? JSON.stringify(s, null, 2) : formatStatus(s, 'sqlite')}\n`);
        return setExit(0);
      }
      if (mssqlEndpoint.matches(f.db)) {
        const s = await mssqlStatusOf(f.db, { logTable: f.logTable, queueTable: f.queueTable, ...(f.queue && { queue: f.queue }) });
        process.stdout.write(`${f.json ? JSON.stringify(s, null, 2) : formatStatus(s, 'mssql')}\n`);
        return setExit(0);
      }
      if (!postgresEndpoint.matches(f.db)) throw new UsageError(`--db ${redactUrl(f.db)}: use sqlite:PATH, postgres://... or mssql://...`);
      const { url, schema } = parsePostgresUrl(f.db);
      const s = await postgresStatus({ url, ...(schema && { schema }), logTable: f.logTable, queueTable: f.queueTable, ...(f.queue && { queue: f.queue }) });
      process.stdout.write(`${f.json ? JSON.stringify(s, null, 2) : formatStatus(s)}\n`);
      setExit(0);
    });
}
