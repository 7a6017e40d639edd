import { performance } from 'node:perf_hooks';
import { postgresSink } from '../adapters/postgres/postgres-sink.js';
import { sqliteSink } from '../adapters/sqlite/sqlite-sink.js';
import { sqliteSource } from '../adapters/sqlite/sqlite-source.js';
import type { KeyKind } from '../core/record.js';
import { loadMappingFile } from '../mapping/load-mapping-file.js';
import { pipeline } from '../pipeline/pipeline.js';
import type { Sink } from '../sink/sink.js';
import { SAMPLE_TABLE } from './copy-sample.js';
import { peakRssMb } from './peak-rss.js';
import type { ScratchSink, TuneJob, TuneResult } from './tune-job.js';

/** A fresh scratch sink; a PostgreSQL log's key column is declared as the sample's keys are (text keys do not fit bigint). */
function sinkOf(s: ScratchSink, keys: KeyKind | undefined): Sink {
  if (s.kind === 'sqlite') return sqliteSink({ file: s.file });
  return postgresSink({ url: s.url, schema: s.schema, keyType: keys === 'integer' ? 'bigint' : 'text' });
}

/** Loads the whole sample into the job's fresh scratch sink at the job's settings, and measures it. */
export async function runTuneLoad(job: TuneJob): Promise<TuneResult> {
  const mapper = 'module' in job.mapper ? job.mapper.module : loadMappingFile(job.mapper.mappingFile);
  const source = sqliteSource({ file: job.sampleFile, ...SAMPLE_TABLE });
  const t0 = performance.now();
  const report = await pipeline({
    source,
    sink: sinkOf(job.sink, await source.keyKind?.()),
    mapper,
    ...job.settings,
    runId: `tune-${job.label}`,
  }).run();
  const wallMillis = performance.now() - t0;
  if (report.status.state !== 'completed') throw new Error(`${job.label}: the load did not complete: ${JSON.stringify(report.status)}`);
  const { succeeded, failed, skipped } = report.counts;
  const records = succeeded + failed + skipped;
  return {
    label: job.label,
    settings: job.settings,
    records,
    succeeded,
    failed,
    wallMillis: Math.round(wallMillis),
    recordsPerSecond: Math.round(records / (wallMillis / 1000)),
    peakRssMb: Math.round(peakRssMb()),
    firstCommitMillis: report.firstCommitMillis,
  };
}
