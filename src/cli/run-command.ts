import type { Command } from 'commander';
import { modulo, keyRange, type Partition } from '../partition/partition.js';
import { validateModulo } from '../partition/partition.js';
import { SluiceConfigError } from '../core/errors.js';
import { endpointFor } from './endpoints.js';
import { addMapperFlags, mapperFrom, type MapperFlags } from './mapper-flags.js';
import { isFileSource } from './file-sources.js';
import { addSourceFlags, refuseFileFlags, sourceFromFlags, tableFlagsOf, type SourceFlags } from './source-flags.js';
import { addPostgresRunFlags, queueRunEndpoints, type PostgresRunFlags } from './postgres-endpoint.js';
import { mssqlEndpoint, mssqlQueueRunEndpoints } from './mssql-endpoint.js';
import { executeRun } from './execute-run.js';
import { cliLogger, LOG_LEVELS, type LogLevel } from './logger.js';
import { intFlag, keyFlag, numberFlag } from './parse-flags.js';
import { addParseLimitFlags, parseLimitsOf, type ParseLimitFlags } from './parse-limit-flags.js';
import { UsageError } from './usage-error.js';

/** Flags shared by `run` and `demo`: tuning, partition, resume, output. */
export function addRunFlags(cmd: Command): Command {
  addParseLimitFlags(
    cmd
      .option('--workers <n>', 'parse/map worker threads (default: CPU count)', intFlag(1, 256))
    .option('--batch-size <n>', 'records per commit (default 500)', intFlag(1, 1_000_000))
    .option('--queue-size <n>', 'records read but not committed, at most (default 2000, or (commits-in-flight + 1) × batch-size if larger)', intFlag(1, 10_000_000))
    .option('--max-bytes-in-flight <n>', 'bytes of records read but not committed (payloads, then rows), at most (default 16777216, 16 MiB)', intFlag(1024))
    .option('--task-size <n>', 'records per worker task (default 100)', intFlag(1, 100_000))
    .option('--commits-in-flight <n>', 'commits running at once on the main thread (default 2)', intFlag(1, 64))
    .option('--limit <n>', 'process at most N records', intFlag(0))
    .option('--instance-id <i>', 'this instance, 0-based (with --instance-count)', intFlag(0))
    .option('--instance-count <n>', 'instances sharing the work by key modulo', intFlag(1))
    .option('--key-start <key>', 'first key of this instance’s range (inclusive)', keyFlag)
    .option('--key-end <key>', 'last key of this instance’s range (inclusive)', keyFlag)
    .option('--retry-failed', 'process records whose last attempt failed again')
    .option('--max-failures <n>', 'stop when more records than this failed', intFlag(0))
    .option('--max-failure-rate <r>', 'stop when the failed share exceeds r (0..1)', numberFlag(0, 1)),
  );
  return cmd
    .option('--metrics-out <file>', 'write the JSON run report here', 'sluice-metrics/run-{runId}.json')
    .option('--no-metrics', 'write no JSON report')
    .option('--no-progress', 'no progress bar')
    .option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, 'warn');
}

/** Flag values of addRunFlags, as commander gives them. */
export interface RunFlags extends ParseLimitFlags {
  workers?: number;
  batchSize?: number;
  queueSize?: number;
  maxBytesInFlight?: number;
  taskSize?: number;
  commitsInFlight?: number;
  limit?: number;
  instanceId?: number;
  instanceCount?: number;
  keyStart?: number | string;
  keyEnd?: number | string;
  retryFailed?: boolean;
  maxFailures?: number;
  maxFailureRate?: number;
  metricsOut: string;
  metrics: boolean;
  progress: boolean;
  logLevel: string;
}

/** Turns the shared flags into pipeline options; a wrong combination is a UsageError. */
export function runOptionsFrom(f: RunFlags) {
  if (!(LOG_LEVELS as readonly string[]).includes(f.logLevel)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}; got "${f.logLevel}"`);
  }
  if ((f.instanceId === undefined) !== (f.instanceCount === undefined)) {
    throw new UsageError('--instance-id and --instance-count go together, e.g. --instance-id 0 --instance-count 3');
  }
  let partition: Partition = {};
  try {
    if (f.instanceCount !== undefined) {
      validateModulo(f.instanceId!, f.instanceCount);
      partition = modulo(f.instanceId!, f.instanceCount);
    }
    if (f.keyStart !== undefined || f.keyEnd !== undefined) partition = { ...partition, ...keyRange(f.keyStart, f.keyEnd) };
  } catch (error) {
    if (error instanceof SluiceConfigError) throw new UsageError(`${error.message.replace('instanceId', '--instance-id').replace('instanceCount', '--instance-count').replace('key range', '--key-start/--key-end')}`);
    throw error;
  }
  const parse = parseLimitsOf(f);
  return {
    partition,
    logger: cliLogger(f.logLevel as LogLevel),
    ...(f.workers !== undefined && { workers: f.workers }),
    ...(f.batchSize !== undefined && { batchSize: f.batchSize }),
    ...(f.queueSize !== undefined && { queueSize: f.queueSize }),
    ...(f.maxBytesInFlight !== undefined && { maxBytesInFlight: f.maxBytesInFlight }),
    ...(f.taskSize !== undefined && { taskSize: f.taskSize }),
    ...(f.commitsInFlight !== undefined && { maxInFlightCommits: f.commitsInFlight }),
    ...(f.limit !== undefined && { limit: f.limit }),
    ...(f.retryFailed && { retryFailed: true }),
    ...(f.maxFailures !== undefined && { maxFailures: f.maxFailures }),
    ...(f.maxFailureRate !== undefined && { maxFailureRate: f.maxFailureRate }),
    ...(parse && { parse }),
  };
}

/** `--reprocess`, `--stale`, `--mapping-version`, as commander gives them. */
interface ReprocessFlags {
  reprocess?: boolean;
  stale?: boolean;
  mappingVersion?: string;
}

export function displayFrom(f: RunFlags) {
  return { metricsOut: f.metrics ? f.metricsOut : (false as const), progress: f.progress };
}

/** `sluice run`: any source table, any mapper, any sink. */
export function registerRunCommand(program: Command, setExit: (code: number) => void): void {
  addRunFlags(
    addPostgresRunFlags(
    addSourceFlags(
    addMapperFlags(
    program
      .command('run')
      .description('load XML records from a source table, a directory or a large XML file into a sink through a mapper')
      .requiredOption('--source <url>', 'where records are: dir:PATH, xml:FILE, sqlite:PATH, postgres://…, mssql://… or a SQL Server connection string')
      .requiredOption('--sink <url>', 'where rows and processing_log go (same forms as --source)')
      .option('--log-table <name>', 'checkpoint table', 'processing_log')
      .option('--no-create-tables', 'do not create missing target tables')
      .option('--reprocess', 'load records already loaded again, replacing their rows (all, or those of --where / --key-start / --key-end)')
      .option('--stale', 'with --reprocess: only records not loaded by the current mapping (see sluice status --mapping)')
      .option('--mapping-version <v>', 'version written to processing_log (default: a hash of the mapping or mapper file)')))),
  ).action(async (f: RunFlags & PostgresRunFlags & SourceFlags & MapperFlags & ReprocessFlags & { source: string; sink: string; logTable: string; createTables: boolean }) => {
    if (f.stale && !f.reprocess) throw new UsageError('--stale goes with --reprocess: sluice run --reprocess --stale ...');
    if (f.reprocess && f.queue) throw new UsageError('--reprocess reads the source table again; run it without --queue');
    const mapper = mapperFrom(f);
    const options = {
      ...runOptionsFrom(f),
      ...(f.reprocess && { reprocess: f.stale ? ('stale' as const) : ('all' as const) }),
      ...(f.mappingVersion !== undefined && { mappingVersion: f.mappingVersion }),
    };
    if (!isFileSource(f.source)) refuseFileFlags(f);
    if (f.queue && isFileSource(f.source)) throw new UsageError('--queue claims keys of a database table; a dir: or xml: source is read directly, without --queue');
    const { source, sink } = f.queue
      ? (mssqlEndpoint.matches(f.source) ? mssqlQueueRunEndpoints : queueRunEndpoints)({ ...f, ...tableFlagsOf(f) })
      : {
          source: sourceFromFlags(f.source, f),
          sink: endpointFor(f.sink, '--sink').sink(f.sink, { logTable: f.logTable, poolMin: f.poolMin, poolMax: f.poolMax, keyType: f.keyType }),
        };
    const { code } = await executeRun({ ...options, source, sink, mapper, createTables: f.createTables }, displayFrom(f));
    setExit(code);
  });
}
