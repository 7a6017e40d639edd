// The public API of sluice. Everything exported here is a promise to users; internals stay out.

// Pipeline
export { pipeline } from './pipeline/pipeline.js';
export type { Pipeline } from './pipeline/pipeline.js';
export { DEFAULTS } from './pipeline/options.js';
export { mappingVersion } from './pipeline/mapping-version.js';
export type { MappingVersionInput } from './pipeline/mapping-version.js';
export type { VersionCount } from './checkpoint/version-count.js';
export type { FlowOptions, PipelineOptions, RetryOptions } from './pipeline/options.js';

// Stages: the building blocks pipeline() composes, for flows of your own
export { openFlow } from './stages/flow.js';
export type { Flow, FlowEvent } from './stages/flow.js';
export { runFlow } from './stages/run-flow.js';
export { readSource, countSource } from './stages/read-source.js';
export type { ReadSourceOptions } from './stages/read-source.js';
export { partitionRecords } from './stages/partition-records.js';
export { parseAndMap } from './stages/parse-and-map.js';
export { batchRecords } from './stages/batch-records.js';
export type { BatchLimits, CommitJob } from './sink/batch-commits.js';
export { commitBatches } from './stages/commit-batches.js';
export type { CommitResult, CommitBatchesOptions } from './stages/commit-batches.js';
export { settleRecords } from './stages/settle-records.js';
export { enrich } from './stages/enrich.js';
export type { EnrichFn, EnrichCall, EnrichRecord, EnrichOptions } from './stages/enrich.js';
export { SluiceHttpError, SluiceTimeoutError, classifyCallError } from './stages/http-error.js';
export { recordsOf, batchOf } from './stages/mapped-record.js';
export type { MappedRecord, RecordRows } from './stages/mapped-record.js';
export { namedStage } from './stages/named-stage.js';
export { defineRecordStage, SluiceStageError } from './mapper/record-stage.js';
export type { RecordStage, RecordStageContext, EmittedRow } from './mapper/record-stage.js';
export type { RunReport, RunStatus, Progress } from './pipeline/run-report.js';
export type { Logger } from './pipeline/logger.js';
export type { LatencySummary } from './metrics/latency.js';
export type { TopError } from './metrics/error-tally.js';
export type { KeyIssuesSummary } from './metrics/key-tally.js';
export type { TelemetryOption, TelemetryMeter, TelemetryTracer, TelemetrySpan } from './metrics/telemetry.js';

// Records, partitions, errors
export type { KeyKind, RecordKey, RecordStatus, SourceRecord } from './core/record.js';
export { modulo, keyRange, describePartition } from './partition/partition.js';
export { textKeyHash } from './partition/text-key-hash.js';
export type { Partition } from './partition/partition.js';
export {
  SluiceConfigError,
  SluiceConnectionError,
  SluiceConversionError,
  SluiceFailureLimitError,
  SluiceKeyTypeError,
  SluiceRecordError,
  SluiceStateError,
  SluiceVanishedRecordsError,
} from './core/errors.js';
export { SluiceSinkError } from './sink/commit-with-retry.js';

// Sources
export type { Source, ReadRequest, CheckpointLocation, KeyIssues } from './source/source.js';
export { fromIterable, fromArray } from './source/iterable-source.js';
export { fromDirectory } from './source/directory-source.js';
export type { DirectorySourceOptions } from './source/directory-source.js';
export { fromXmlFile } from './source/xml-file-source.js';
export type { XmlFileSourceOptions } from './source/xml-file-source.js';

// Sinks (the adapter contract)
export type { Sink, SinkContext, CommitBatch, TableBatch, CheckpointEntry, ErrorClass } from './sink/sink.js';
export type { BatchSlice, MappedBatch, TableRows } from './worker/mapped-batch.js';
export { rowRange } from './worker/mapped-batch.js';

// Mappers
export { defineMapper } from './mapper/mapper.js';
export type { Mapper, MapContext, CellInput, RowInput } from './mapper/mapper.js';
export { defineMapping } from './mapper/define-mapping.js';
export type { MappingSpec, MappedColumn, MappedTable } from './mapper/define-mapping.js';
export { column } from './mapper/column.js';
export type { ColumnDef, ColumnType } from './mapper/column.js';
export { loadMappingFile } from './mapping/load-mapping-file.js';
export { SluiceMappingFileError } from './mapping/mapping-file-error.js';
export type { TableDef, TableSchema, Tables } from './mapper/table.js';

// Inference: a mapping proposed from sample records
export { inferMapping, INFER_DEFAULTS } from './infer/infer-mapping.js';
export type { InferOptions, InferResult } from './infer/infer-mapping.js';
export { inferMappingFromXsd } from './infer/infer-from-xsd.js';
export type { XsdInferOptions, XsdInferResult } from './infer/infer-from-xsd.js';
export { formatPathReport } from './infer/path-report.js';
export type { PathReport } from './infer/path-report.js';
export type { PathEvidence } from './infer/shape.js';
export type { SqlDialect } from './infer/sql-names.js';
export type { ValueKind } from './infer/value-kind.js';
export { mappingToYaml } from './infer/mapping-yaml.js';

// XML
export { parseXml, XmlElement, XmlField, XmlSyntaxError, XmlLimitError, XmlForbiddenError, XmlEncodingError, DEFAULT_PARSE_LIMITS } from './xml/index.js';
export type { XmlDocument, ParseLimits } from './xml/index.js';

// SQLite adapter (better-sqlite3 is loaded only when one of these is called)
export { sqliteSource, sqliteSink, sqliteStatus } from './adapters/sqlite/index.js';
export type { SqliteSourceOptions, SqliteSinkOptions, SqliteStatus, SqliteStatusOptions } from './adapters/sqlite/index.js';

// PostgreSQL adapter and claim queue (pg is loaded only when one of these is called)
export { postgresSource, postgresSink, postgresQueueSource, enqueue, postgresStatus } from './adapters/postgres/index.js';
export type {
  PostgresSourceOptions,
  PostgresSinkOptions,
  PostgresQueueSourceOptions,
  PostgresConnectionOptions,
  PostgresKeyType,
  EnqueueOptions,
  EnqueueResult,
  PostgresStatus,
  PostgresStatusOptions,
  QueueStatus,
  InstanceStatus,
  PgPool,
  InsertPath,
} from './adapters/postgres/index.js';

// SQL Server adapter and claim queue (mssql is loaded only when one of these is called)
export { mssqlSource, mssqlSink, mssqlQueueSource, mssqlEnqueue, mssqlStatus, parseMssqlConnection } from './adapters/mssql/index.js';
export type {
  MssqlSourceOptions,
  MssqlSinkOptions,
  MssqlQueueSourceOptions,
  MssqlConnectionOptions,
  MssqlKeyType,
  MssqlEnqueueOptions,
  MssqlEnqueueResult,
  MssqlStatus,
  MssqlStatusOptions,
  MssqlBulkOptions,
  MssqlPool,
  MssqlDriver,
  MssqlConnection,
  MssqlConfig,
} from './adapters/mssql/index.js';
