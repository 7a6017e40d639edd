import { existsSync } from 'node:fs';
import { sqliteSink, sqliteSource } from '../adapters/sqlite/index.js';
import type { Sink } from '../sink/sink.js';
import type { Source } from '../source/source.js';
import { UsageError } from './usage-error.js';
import { postgresEndpoint } from './postgres-endpoint.js';
import { mssqlEndpoint } from './mssql-endpoint.js';

/** Table options of a source given on the command line. */
export interface TableSourceFlags {
  readonly table: string;
  readonly key: string;
  readonly payload: string;
  readonly where?: string;
}

/** Sink options given on the command line. */
export interface SinkFlags {
  readonly logTable?: string;
  /** `--key-type` as given (validated by the endpoint). */
  readonly keyType?: string;
  readonly poolMin?: number;
  readonly poolMax?: number;
}

/** One database kind the CLI can read from and write to, chosen by the URL's scheme. */
export interface Endpoint {
  /** e.g. `sqlite:PATH` */
  readonly example: string;
  matches(url: string): boolean;
  source(url: string, flags: TableSourceFlags): Source;
  sink(url: string, flags: SinkFlags): Sink;
}

const sqlite: Endpoint = {
  example: 'sqlite:PATH',
  matches: (url) => url.startsWith('sqlite:'),
  source(url, flags) {
    const file = sqlitePath(url);
    if (!existsSync(file)) throw new UsageError(`source database not found: ${file}; check --source (sqlite:PATH)`);
    return sqliteSource({ file, table: flags.table, keyColumn: flags.key, payloadColumn: flags.payload, ...(flags.where && { where: flags.where }) });
  },
  sink(url, flags) {
    if (flags.keyType !== undefined) {
      throw new UsageError('--key-type applies to PostgreSQL and SQL Server sinks; a SQLite processing_log keeps integer and text keys as they are: drop --key-type');
    }
    return sqliteSink({ file: sqlitePath(url), ...(flags.logTable && { logTable: flags.logTable }) });
  },
};

/** Registered endpoints; adapters add theirs here. */
export const ENDPOINTS: Endpoint[] = [sqlite, postgresEndpoint, mssqlEndpoint];

export function endpointFor(url: string, flag: '--source' | '--sink'): Endpoint {
  const e = ENDPOINTS.find((x) => x.matches(url));
  if (!e && flag === '--sink' && /^(dir|xml):/.test(url)) throw new UsageError(`--sink ${url}: dir: and xml: are sources; rows go to a database, e.g. sqlite:./out.db`);
  if (!e) throw new UsageError(`${flag} ${redactUrl(url)} is not a database URL I know; use one of: ${ENDPOINTS.map((x) => x.example).join(', ')}`);
  return e;
}

function sqlitePath(url: string): string {
  const p = url.replace(/^sqlite:(\/\/)?/, '');
  if (!p) throw new UsageError('sqlite: URL needs a file path, e.g. sqlite:./data.db');
  return p;
}

/** A URL with its password replaced, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@').replace(/(password|pwd)=([^;&]*)/gi, '$1=***');
}
