import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './sluice.js';

const built = new Map<string, Promise<string>>();

/**
 * Bundles bench/child.ts (the harness's few hundred lines of load code) into plain JavaScript,
 * once per bench run, so that load processes run `node child.mjs` with nothing else loaded: no
 * TypeScript loader in the process or in its worker threads, which inherit its execArgv (jiti
 * there costs ~45 MB of RSS per process and slows module loading). The package (`distDir`:
 * dist/, or the run's copy of it, see dist-snapshot.ts) and every npm package stay external:
 * they are imported as users import them.
 */
export function childScript(distDir = process.env.SLUICE_BENCH_DIST ?? join(ROOT, 'dist')): Promise<string> {
  return benchScript(fileURLToPath(new URL('../child.ts', import.meta.url)), distDir);
}

/** Any bench entry (a TypeScript file) bundled as `childScript` bundles bench/child.ts, once per process. */
export function benchScript(entry: string, distDir = process.env.SLUICE_BENCH_DIST ?? join(ROOT, 'dist')): Promise<string> {
  const id = `${entry}\0${distDir}`;
  let p = built.get(id);
  if (!p) {
    p = bundle(entry, distDir);
    built.set(id, p);
  }
  return p;
}

async function bundle(entry: string, distDir: string): Promise<string> {
  const snapshot = distDir !== join(ROOT, 'dist');
  const dir = snapshot ? dirname(distDir) : join(ROOT, 'node_modules', '.cache', 'sluice-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${basename(entry, '.ts')}.mjs`);
  // Imported here, not with the module: a bundle of a bench entry that can build itself (bench/cpu/
  // thread-cpu.ts) carries this module, and loading esbuild at its start (a large CommonJS file,
  // which Node scans for its exports) was counted as the measured load's CPU.
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    plugins: [
      {
        name: 'sluice-dist-external',
        setup(b) {
          b.onResolve({ filter: /\/dist\/[\w.-]+\.js$/ }, (args) => ({ path: join(distDir, basename(args.path)), external: true }));
        },
      },
    ],
  });
  return outfile;
}
