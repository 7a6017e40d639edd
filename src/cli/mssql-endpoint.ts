import {
  mssqlEnqueue, mssqlQueueSource, mssqlSink, mssqlSource, mssqlStatus, type MssqlEnqueueOptions, type MssqlEnqueueResult, type MssqlStatus, type MssqlStatusOptions,
} from '../adapters/mssql/index.js';
import { isMssqlConnection, parseMssqlConnection } from '../adapters/mssql/mssql-connection.js';
import { nameParts, openMssql } from '../adapters/mssql/mssql-driver.js';
import { qualify } from '../core/qualified-name.js';
import { reachError } from '../adapters/mssql/mssql-errors.js';
import { applyMssqlSchema, mssqlInitStatements, type MssqlKeyType } from '../adapters/mssql/mssql-schema.js';
import { connected } from '../adapters/mssql/mssql-catalog.js';
import type { TableSchema } from '../mapper/table.js';
import type { Sink } from '../sink/sink.js';
import type { Source } from '../source/source.js';
import type { Endpoint, TableSourceFlags } from './endpoints.js';
import type { PostgresRunFlags } from './postgres-endpoint.js';
import { keyTypeFlag } from './parse-flags.js';
import { queueSourceFlags } from './queue-flags.js';
import { UsageError } from './usage-error.js';

/** A SQL Server URL or connection string, with Sluice's `schema` (`?schema=sandbox`, `Schema=sandbox`) and the database's name. */
export function parseMssqlUrl(url: string): { url: string; schema?: string; identity: string } {
  const c = parseMssqlConnection(url);
  return { url, identity: c.identity, ...(c.schema && { schema: c.schema }) };
}

/** `mssql://`/`sqlserver://` URLs and ADO.NET connection strings (`Server=host\INSTANCE;Database=db;...`) for `sluice run`. */
export const mssqlEndpoint: Endpoint = {
  example: 'mssql://USER:PASS@HOST:PORT/DB[?schema=NAME] or "Server=HOST\\INSTANCE;Database=DB;Trusted_Connection=yes"',
  matches: isMssqlConnection,
  source(url, flags) {
    const p = parseMssqlUrl(url);
    return mssqlSource({ url, table: qualify(flags.table, p.schema, nameParts), keyColumn: flags.key, payloadColumn: flags.payload, ...(flags.where && { where: flags.where }) });
  },
  sink(url, flags) {
    const keyType = keyTypeFlag(flags.keyType);
    return mssqlSink({
      url,
      ...(flags.logTable && { logTable: flags.logTable }),
      ...(keyType && { keyType }),
      ...(flags.poolMin !== undefined && { poolMin: flags.poolMin }),
      ...(flags.poolMax !== undefined && { poolMax: flags.poolMax }),
    });
  },
};

/** `sluice init` for SQL Server: prints the T-SQL (with GO separators, for SSMS and sqlcmd) or runs it; returns what to print. */
export async function mssqlInit(
  f: { sink: string; print?: boolean; logTable: string; queueTable: string; queue: boolean; keyType: MssqlKeyType },
  tables: readonly TableSchema[],
): Promise<string> {
  const { schema } = parseMssqlUrl(f.sink);
  const statements = mssqlInitStatements({ tables, ...(schema && { schema }), logTable: f.logTable, keyType: f.keyType, ...(f.queue && { queueTable: f.queueTable }) });
  if (f.print) return `${statements.map((s) => `${s};\nGO`).join('\n\n')}\n`;
  const handle = openMssql({ url: f.sink }, { poolMax: 1 });
  try {
    await applyMssqlSchema(handle.driver, await connected(handle), statements);
  } catch (error) {
    throw reachError(handle.identity, error);
  } finally {
    await handle.close();
  }
  return `Ran ${statements.length} idempotent CREATE statements (tables, indexes) in mssql:${handle.identity}${schema ? ` (schema ${schema})` : ''}.\n`;
}

/** `sluice status` for SQL Server. */
export function mssqlStatusOf(url: string, options: Omit<MssqlStatusOptions, 'url'>): Promise<MssqlStatus> {
  return mssqlStatus({ url, ...options });
}

/** `sluice enqueue` for SQL Server; returns the result and the database's name for the message. */
export async function mssqlEnqueueTo(url: string, options: Omit<MssqlEnqueueOptions, 'url'>): Promise<MssqlEnqueueResult & { database: string }> {
  const r = await mssqlEnqueue({ url, ...options });
  return { ...r, database: `mssql:${parseMssqlUrl(url).identity}` };
}

/**
 * The source and sink of `sluice run --queue NAME` on SQL Server: claims from the queue in the
 * source database, and a sink in that same database that finishes queue items with their rows.
 * (run-command dispatches to it for SQL Server URLs, as to `queueRunEndpoints` for PostgreSQL.)
 */
export function mssqlQueueRunEndpoints(f: PostgresRunFlags & { source: string; sink: string; logTable?: string } & TableSourceFlags): { source: Source; sink: Sink } {
  if (!f.queue) throw new UsageError('mssqlQueueRunEndpoints needs --queue');
  if (!mssqlEndpoint.matches(f.source) || !mssqlEndpoint.matches(f.sink)) {
    throw new UsageError('--queue needs SQL Server for both --source and --sink (the queue, the rows and processing_log commit together)');
  }
  const keyType = f.keyType ?? 'bigint';
  if (keyType !== 'bigint' && keyType !== 'text') throw new UsageError(`--key-type must be bigint or text; got "${keyType}"`);
  const src = parseMssqlUrl(f.source);
  // One work table for both sides: the source's schema qualifies it unless --queue-table does.
  const queueTable = qualify(f.queueTable ?? 'sluice_queue', src.schema, nameParts);
  const source = mssqlQueueSource({ url: f.source, ...queueSourceFlags({ ...f, queue: f.queue }, queueTable), keyType });
  const sink = mssqlSink({
    url: f.sink,
    ...(f.logTable && { logTable: f.logTable }),
    keyType,
    queue: { name: f.queue, table: queueTable },
    ...(f.poolMin !== undefined && { poolMin: f.poolMin }),
    ...(f.poolMax !== undefined && { poolMax: f.poolMax }),
  });
  if (!source.canSkip(sink.checkpoint)) {
    throw new UsageError('--queue needs --source and --sink in the same SQL Server database (same server, instance and database)');
  }
  return { source, sink };
}
