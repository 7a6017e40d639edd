import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The unit tests that exercise the core modules Stryker mutates (stryker.config.mjs), and only
 * those: each mutant reruns the tests that cover it, so no database, CLI or worker-pool test here, nor
 * the demo mapper tests (seconds each, and convert-*.test.ts covers the same conversions).
 */
export const MUTATION_TESTS = [
  'test/pipeline/credit-gate.test.ts',
  'test/pipeline/credit-gate-*.test.ts',
  'test/pipeline/read-pages-*.test.ts',
  'test/sink/batch-commits-*.test.ts',
  'test/sink/commit-with-retry-*.test.ts',
  'test/sink/split-batch-*.test.ts',
  'test/partition/*.test.ts',
  'test/mapper/convert-*.test.ts',
  'test/mapper/column-converter-*.test.ts',
  'test/worker/row-collector-*.test.ts',
  'test/worker/packed-rows-*.test.ts',
  'test/metrics/latency-*.test.ts',
  'test/sqlite/sink-unpacks-a-statement-at-a-time.test.ts',
  'test/sqlite/commit-serves-event-loop.test.ts',
  'test/sqlite/writes-and-reads-one-at-a-time.test.ts',
  'test/adapters/postgres-array-literal-as-pg-writes.test.ts',
  'test/mssql/core-retries-and-isolates.test.ts',
  'test/core/*.test.ts',
  'test/sink/backoff-and-retry.test.ts',
  'test/failures/source-reads-retried-as-run-options-say.test.ts',
  'test/mapping-extractor/*.test.ts',
  'test/xml/wfc-unique-att-spec.test.ts',
  'test/xml/attributes-object-on-demand.test.ts',
  'test/xml/namespaces.test.ts',
  'test/xml/default-attributes.test.ts',
  'test/xml/default-attributes-each-tag.test.ts',
  'test/xml/utf8-decoded-exactly.test.ts',
  'test/xml/encoding-errors.test.ts',
  'test/xml/byte-payload-encodings.test.ts',
  'test/xml/wfc-encoding-declaration.test.ts',
];

// A zone other than UTC, so that a conversion that depends on the machine's zone fails a test
// (worker threads, which Stryker's runner may use, cannot change the zone themselves).
process.env.TZ = 'America/New_York';

// Not mergeConfig: it would append to the base include list instead of replacing it.
export default defineConfig({ ...base, test: { ...base.test, include: MUTATION_TESTS } });
