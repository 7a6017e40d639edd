import type { Endpoint } from './load-job.js';
import { sqliteSink, sqliteSource, type Sink, type Source } from './sluice.js';

/** The PostgreSQL part of the package, loaded only for `--db postgres` (and typed here, so the harness builds without it). */
export interface PostgresApi {
  postgresSource(options: { url: string; table: string }): Source;
  postgresSink(options: { url: string; schema: string; queue?: { name: string } }): Sink;
  postgresQueueSource(options: { url: string; schema: string; table: string; queue: string; noWait: boolean }): Source;
  enqueue(options: { url: string; schema: string; table: string; queue: string; where?: string }): Promise<{ enqueued: number }>;
}

/** The package's PostgreSQL adapter, or why it cannot be used. */
export async function loadPostgresApi(): Promise<{ ok: true; api: PostgresApi } | { ok: false; reason: string }> {
  const mod = (await import('../../dist/index.js')) as unknown as Partial<PostgresApi>;
  if (typeof mod.postgresSource !== 'function' || typeof mod.postgresSink !== 'function') {
    return { ok: false, reason: 'the built package exports no postgresSource/postgresSink (src/adapters/postgres is not in dist/index.js yet)' };
  }
  return { ok: true, api: mod as PostgresApi };
}

/** The source and sink of a job. */
export async function endpointsOf(endpoint: Endpoint): Promise<{ source: Source; sink: Sink }> {
  if (endpoint.db === 'sqlite') {
    return { source: sqliteSource({ file: endpoint.sourceFile }), sink: sqliteSink({ file: endpoint.sinkFile }) };
  }
  const pg = await loadPostgresApi();
  if (!pg.ok) throw new Error(pg.reason);
  const { url, sinkSchema, sourceTable, queue } = endpoint;
  if (queue) {
    return {
      source: pg.api.postgresQueueSource({ url, schema: sinkSchema, table: sourceTable, queue, noWait: true }),
      sink: pg.api.postgresSink({ url, schema: sinkSchema, queue: { name: queue } }),
    };
  }
  return { source: pg.api.postgresSource({ url, table: sourceTable }), sink: pg.api.postgresSink({ url, schema: sinkSchema }) };
}
