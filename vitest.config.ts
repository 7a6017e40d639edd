import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Examples import the package by name, as users do; in tests that is the source.
    alias: [
      { find: /^sluice\/mapper$/, replacement: fileURLToPath(new URL('./src/mapper/index.ts', import.meta.url)) },
      { find: /^sluice\/testing$/, replacement: fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)) },
      { find: /^sluice$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Prints whether the PostgreSQL tests run, and why not when they are skipped.
    globalSetup: ['test/setup/postgres-notice.ts'],
  },
});
