// Mutation testing of the core (npm run test:mutation). Not part of `npm test` or CI: a full run
// takes minutes on two cores. Reports go to reports/mutation/ (ignored by git); the incremental
// file there lets a rerun test only the mutants whose code or tests changed.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/pipeline/credit-gate.ts',
    'src/sink/batch-commits.ts',
    'src/sink/commit-with-retry.ts',
    'src/partition/partition.ts',
    'src/mapper/convert.ts',
    'src/mapper/column-converter.ts',
    'src/pipeline/read-pages.ts',
    'src/worker/row-collector.ts',
    'src/worker/own-copy.ts',
    'src/worker/packed-rows.ts',
    'src/metrics/latency.ts',
    'src/core/qualified-name.ts',
    'src/core/ensure-open.ts',
    'src/core/retry.ts',
    'src/core/serial.ts',
    'src/core/next-turn.ts',
    'src/adapters/postgres/postgres-array-literal.ts',
    'src/mapper/mapping-extractor.ts',
    'src/xml/attribute-list.ts',
    // The UTF-8 decode (utf8, latin1Range); the encoding detection around it is not in the core list.
    'src/xml/decode-payload.ts:89-128',
  ],
  coverageAnalysis: 'perTest',
  // The machine is shared: one test runner at a time.
  concurrency: 1,
  thresholds: { high: 90, low: 85, break: 85 },
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
