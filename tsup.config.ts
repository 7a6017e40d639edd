import { defineConfig } from 'tsup';

// The library (ESM + CJS + types), the worker entry beside it (tinypool loads it by path),
// and the executables (ESM only). All land flat in dist/ so each finds ./worker.js.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', worker: 'src/worker/worker.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts' } },
    sourcemap: true,
    clean: true,
    shims: true,
    target: 'node20',
    splitting: false,
  },
  {
    // The demo's mapper is the example users read; it imports 'sluice' like theirs do.
    entry: { cli: 'src/cli.ts', 'credit-app-mapper': 'examples/credit-app/mapper.ts' },
    external: ['sluice'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
