// npm run bench [-- --full --size medium --records N --db sqlite|postgres --only a,b --docs]
// Reproduces the profiling and tuning experiments of seed 001 and the instance table of seed 000
// against the BUILT package (dist/), one process per measured load. See docs/bench.md.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE } from './lib/config.js';

let config;
try {
  config = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (config === 'help') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
for (const f of ['index.js', 'worker.js', 'credit-app-mapper.js']) {
  const file = fileURLToPath(new URL(`../dist/${f}`, import.meta.url));
  if (!existsSync(file)) {
    process.stderr.write(`${file} is missing: build first (npm run bench builds, then runs this file)\n`);
    process.exit(2);
  }
}
// The command as typed, for the report: `npm run bench -- ...`, or node with this file.
const command =
  process.env.npm_lifecycle_event === 'bench' ? config.command : ['node', ...process.execArgv, 'bench/cli.ts', ...process.argv.slice(2)].join(' ');
const { runBench } = await import('./lib/run-bench.js');
process.exitCode = await runBench({ ...config, command });
