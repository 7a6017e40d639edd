import type { Command } from 'commander';
import { postgresQueueSource, postgresSink, postgresSource } from '../adapters/postgres/index.js';
import { postgresNameParts } from '../adapters/postgres/postgres-driver.js';
import type { PostgresKeyType } from '../adapters/postgres/postgres-schema.js';
import { qualify } from '../core/qualified-name.js';
import type { Sink } from '../sink/sink.js';
import type { Source } from '../source/source.js';
import type { Endpoint, TableSourceFlags } from './endpoints.js';
import { intFlag, keyTypeFlag } from './parse-flags.js';
import { queueSourceFlags } from './queue-flags.js';
import { UsageError } from './usage-error.js';

/**
 * A `postgres://` URL split into what pg takes and Sluice's own `schema` parameter
 * (`postgres://user@host/db?schema=loans`: tables not otherwise qualified go there).
 */
export function parsePostgresUrl(url: string): { url: string; schema?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError('a PostgreSQL URL looks like postgres://USER@HOST:PORT/DB[?schema=NAME]');
  }
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  return { url: u.toString(), ...(schema && { schema }) };
}

/** `postgres://` and `postgresql://` sources and sinks for `sluice run`. */
export const postgresEndpoint: Endpoint = {
  example: 'postgres://USER@HOST:PORT/DB[?schema=NAME]',
  matches: (url) => /^postgres(ql)?:\/\//i.test(url),
  source(url, flags) {
    const p = parsePostgresUrl(url);
    return postgresSource({ url: p.url, table: qualify(flags.table, p.schema, postgresNameParts), keyColumn: flags.key, payloadColumn: flags.payload, ...(flags.where && { where: flags.where }) });
  },
  sink(url, flags) {
    const p = parsePostgresUrl(url);
    const keyType = keyTypeFlag(flags.keyType);
    return postgresSink({
      url: p.url,
      ...(p.schema && { schema: p.schema }),
      ...(flags.logTable && { logTable: flags.logTable }),
      ...(keyType && { keyType }),
      ...(flags.poolMin !== undefined && { poolMin: flags.poolMin }),
      ...(flags.poolMax !== undefined && { poolMax: flags.poolMax }),
    });
  },
};

/** Flags of `sluice run` for the server databases (PostgreSQL, SQL Server) and the claim queue (`addPostgresRunFlags`). */
export interface PostgresRunFlags {
  queue?: string;
  queueTable?: string;
  poolMin?: number;
  poolMax?: number;
  leaseMillis?: number;
  maxAttempts?: number;
  keyType?: string;
}

/** Adds `--queue`, `--pool-min/--pool-max`, `--lease-millis`, `--max-attempts`, `--key-type` to a command. */
export function addPostgresRunFlags(cmd: Command): Command {
  return cmd
    .option('--queue <name>', 'claim records from this queue (PostgreSQL or SQL Server; fill it with `sluice enqueue`) instead of reading the table')
    .option('--queue-table <name>', 'the queue’s work table (default sluice_queue)')
    .option('--pool-min <n>', 'PostgreSQL or SQL Server: connections kept open (default 0)', intFlag(0, 1000))
    .option('--pool-max <n>', 'PostgreSQL or SQL Server: connections at most (default 4)', intFlag(1, 1000))
    .option('--lease-millis <ms>', 'queue lease: a claim not renewed for this long is taken by others (default 60000)', intFlag(100))
    .option('--max-attempts <n>', 'queue: claims of one record before it is dead-lettered (default 3)', intFlag(1, 1000))
    .option('--key-type <type>', 'PostgreSQL and SQL Server: key type of processing_log (and the queue) when the sink creates them, bigint or text (default bigint)');
}

function keyTypeOf(f: PostgresRunFlags): PostgresKeyType {
  return keyTypeFlag(f.keyType) ?? 'bigint';
}

/**
 * The source and sink of a `sluice run --queue NAME`: claims from the queue in the source
 * database, and a sink in that same database that finishes queue items with their rows.
 */
export function queueRunEndpoints(f: PostgresRunFlags & { source: string; sink: string; logTable?: string } & TableSourceFlags): { source: Source; sink: Sink } {
  if (!f.queue) throw new UsageError('queueRunEndpoints needs --queue');
  if (!postgresEndpoint.matches(f.source) || !postgresEndpoint.matches(f.sink)) {
    throw new UsageError('--queue needs PostgreSQL for both --source and --sink (the queue, the rows and processing_log commit together)');
  }
  const src = parsePostgresUrl(f.source);
  const dst = parsePostgresUrl(f.sink);
  const keyType = keyTypeOf(f);
  // One work table for both sides: the source's schema qualifies it unless --queue-table does.
  const queueTable = qualify(f.queueTable ?? 'sluice_queue', src.schema, postgresNameParts);
  const pool = { ...(f.poolMin !== undefined && { poolMin: f.poolMin }), ...(f.poolMax !== undefined && { poolMax: f.poolMax }) };
  const source = postgresQueueSource({ url: src.url, ...(src.schema && { schema: src.schema }), ...queueSourceFlags({ ...f, queue: f.queue }, queueTable), keyType });
  const sink = postgresSink({
    url: dst.url,
    ...(dst.schema && { schema: dst.schema }),
    ...(f.logTable && { logTable: f.logTable }),
    keyType,
    queue: { name: f.queue, table: queueTable },
    ...pool,
  });
  if (!source.canSkip(sink.checkpoint)) {
    throw new UsageError('--queue needs --source and --sink in the same PostgreSQL database (same host, port and database)');
  }
  return { source, sink };
}
