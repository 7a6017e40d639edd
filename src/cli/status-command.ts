import { existsSync } from 'node:fs';
import { addStateTableFlags } from './queue-flags.js';
import type { Command } from 'commander';
import { sqliteStatus } from '../adapters/sqlite/index.js';
import { postgresStatus, type PostgresStatus } from '../adapters/postgres/postgres-status.js';
import { redactUrl } from './endpoints.js';
import { postgresEndpoint, parsePostgresUrl } from './postgres-endpoint.js';
import { mssqlEndpoint, mssqlStatusOf } from './mssql-endpoint.js';
import { UsageError } from './usage-error.js';
import { addMapperFlags, mapperFrom, type MapperFlags } from './mapper-flags.js';
import { mappingVersion } from '../pipeline/mapping-version.js';
import { staleCount } from '../checkpoint/version-count.js';

interface StatusFlags extends MapperFlags {
  db: string;
  queue?: string;
  logTable: string;
  queueTable: string;
  json?: boolean;
}

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The text `sluice status` prints. With `current` (the mapping version of --mapping/--mapper),
 * how many succeeded records an older version loaded: what `run --reprocess --stale` takes again.
 */
export function formatStatus(
  s: Omit<PostgresStatus, 'queues' | 'versions'> & { queues?: PostgresStatus['queues']; versions?: PostgresStatus['versions'] },
  kind: 'postgres' | 'mssql' | 'sqlite' = 'postgres',
  current?: string,
): string {
  const lines = [`${kind}:${s.database}`];
  lines.push(`processing_log: ${n(s.log.succeeded)} succeeded, ${n(s.log.failed)} failed, ${n(s.log.skipped)} skipped`);
  for (const i of s.instances) {
    lines.push(`  instance ${i.instanceId}/${i.instanceCount}: ${n(i.succeeded)} succeeded, ${n(i.failed)} failed, ${n(i.skipped)} skipped; last commit ${i.lastFinishedAt ?? '-'}`);
  }
  const versions = s.versions ?? [];
  if (versions.length) {
    const named = versions.map((v) => `${v.mappingVersion ?? '(not recorded)'}${v.mappingVersion === current ? ' (current)' : ''} ${n(v.succeeded)}`);
    lines.push(`succeeded by mapping version: ${named.join(', ')}`);
  }
  if (current !== undefined) {
    const stale = staleCount(versions, current);
    lines.push(
      stale
        ? `${n(stale)} succeeded records were loaded by an older mapping than the current one (${current}); sluice run --reprocess --stale loads them again`
        : `every succeeded record was loaded by the current mapping (${current})`,
    );
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
  addStateTableFlags(addMapperFlags(
    program
      .command('status')
      .description('show processing_log counts per status, instance and mapping version, and claim queue items per state, oldest lease and work per process')
      .requiredOption('--db <url>', 'sqlite:PATH, postgres://USER@HOST:PORT/DB[?schema=NAME], or a SQL Server URL or connection string')
      .option('--queue <name>', 'only this queue')
      .option('--json', 'print JSON'),
  )).action(async (f: StatusFlags) => {
    // Given the mapping, status tells how many succeeded records an older version of it loaded.
    const current = f.mapper !== undefined || f.mapping !== undefined ? mappingVersion({ mapper: mapperFrom(f) }) : undefined;
    const print = (s: Parameters<typeof formatStatus>[0], kind: Parameters<typeof formatStatus>[1]) => {
      const json = current === undefined ? s : { ...s, mappingVersion: current, stale: staleCount(s.versions ?? [], current) };
      process.stdout.write(`${f.json ? JSON.stringify(json, null, 2) : formatStatus(s, kind, current)}\n`);
    };
    if (f.db.startsWith('sqlite:')) {
      const file = f.db.replace(/^sqlite:(\/\/)?/, '');
      if (!existsSync(file)) throw new UsageError(`database not found: ${file}; check --db`);
      print(sqliteStatus({ file, logTable: f.logTable }), 'sqlite');
      return setExit(0);
    }
    if (mssqlEndpoint.matches(f.db)) {
      print(await mssqlStatusOf(f.db, { logTable: f.logTable, queueTable: f.queueTable, ...(f.queue && { queue: f.queue }) }), 'mssql');
      return setExit(0);
    }
    if (!postgresEndpoint.matches(f.db)) throw new UsageError(`--db ${redactUrl(f.db)}: use sqlite:PATH, postgres://... or mssql://...`);
    const { url, schema } = parsePostgresUrl(f.db);
    print(await postgresStatus({ url, ...(schema && { schema }), logTable: f.logTable, queueTable: f.queueTable, ...(f.queue && { queue: f.queue }) }), 'postgres');
    setExit(0);
  });
}
