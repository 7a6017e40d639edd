import { defineConfig } from 'tsup';

// The library and the mapper-authoring entry (ESM + CJS + types), the worker entry beside them
// (ESM only: tinypool loads it by path, from either build, and it awaits the mapper at top level),
// and the executables (ESM only). All land flat in dist/ so each finds ./worker.js.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', mapper: 'src/mapper/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts', mapper: 'src/mapper/index.ts', testing: 'src/testing/index.ts' } },
    sourcemap: true,
    clean: true,
    shims: true,
    target: 'node20',
    splitting: false,
  },
  {
    entry: { worker: 'src/worker/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    shims: true,
    target: 'node20',
    splitting: false,
  },
  {
    // The demo's mapper is the example users read; it imports 'sluice/mapper' like theirs do.
    entry: { cli: 'src/cli.ts', 'tune-child': 'src/tune/tune-child.ts', 'credit-app-mapper': 'examples/credit-app/mapper.ts', 'credit-app-attributes-mapper': 'examples/credit-app/attributes-mapper.ts' },
    external: ['sluice', 'sluice/mapper'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
