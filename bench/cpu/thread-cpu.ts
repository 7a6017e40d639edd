// CPU time of each thread of one load, over the bench's cached source (medium documents): the
// pipeline as users run it (default settings), or the hand-written loop. What docs/bench.md's
// per-thread tables come from. Linux only (/proc/self/task).
//   npm run build && node --import jiti/register bench/cpu/thread-cpu.ts [--loop] [--shape attributes] [--mapping] [--records 20000]
// Another build of the package (a copy of dist/ from before a change, say): SLUICE_BENCH_DIST=<its dir>.
// Started from TypeScript, it bundles itself and runs the bundle with plain node: the pool's
// threads inherit the process's flags, and jiti's loader in each of them (a module-loading
// thread apiece) would be measured as the pipeline's. With V8's own flags (`--trace-opt`,
// `--no-concurrent-recompilation`, `--trace-gc`), run that bundle itself once it is written:
//   SLUICE_BENCH_ROOT=$PWD node --trace-opt node_modules/.cache/sluice-bench/thread-cpu.mjs --shape attributes
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loop } from '../loop/loop.js';
import { mapAttributes } from '../loop/map-attributes.js';
import { mapElements } from '../loop/map-elements.js';
import { cpuTicks, statFields, TICK_MS } from '../lib/proc-stat.js';
import { cachedSource } from '../lib/seed-cache.js';
import { mapperPath, mappingPath, ROOT } from '../lib/sluice.js';
import type * as Sluice from '../lib/sluice.js';

if (import.meta.url.endsWith('.ts')) {
  const { benchScript } = await import('../lib/build-child.js');
  const script = await benchScript(fileURLToPath(import.meta.url));
  const run = spawnSync(process.execPath, [script, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, SLUICE_BENCH_ROOT: ROOT } });
  process.exit(run.status ?? 1);
}

/** The package as built in SLUICE_BENCH_DIST, or in dist/. */
const sluice = (await import(pathToFileURL(join(process.env.SLUICE_BENCH_DIST ?? join(ROOT, 'dist'), 'index.js')).href)) as typeof Sluice;

const { values: args } = parseArgs({
  options: { loop: { type: 'boolean' }, shape: { type: 'string', default: 'elements' }, mapping: { type: 'boolean' }, records: { type: 'string', default: '20000' } },
});
const shape = args.shape === 'attributes' ? 'attributes' : 'elements';
const records = Number(args.records);
const source = cachedSource(join(ROOT, 'bench-results', '.cache'), 'medium', records, console.error, shape);
const sink = join(tmpdir(), `sluice-thread-cpu-${process.pid}.db`);

/** CPU milliseconds so far of each live thread of this process. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const { fields } = statFields(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8'));
      out.set(tid, cpuTicks(fields).own * TICK_MS);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

// Threads that exist before the load are Node's and V8's own (V8's helpers: compilation, GC);
// those that appear during it are the pipeline's workers. A thread's last sample stands for it
// once it has ended (the pool's threads end with the run).
const before = threadCpu();
const seen = new Map<string, number>();
const sample = () => threadCpu().forEach((ms, tid) => seen.set(tid, ms));
const timer = setInterval(sample, 50);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
if (args.loop) {
  loop(source, sink, records, shape === 'attributes' ? mapAttributes : mapElements, sample);
} else {
  const report = await sluice.pipeline({
    source: sluice.sqliteSource({ file: source }),
    sink: sluice.sqliteSink({ file: sink }),
    mapper: args.mapping ? sluice.loadMappingFile(mappingPath(shape)) : mapperPath(shape),
    limit: records,
  }).run();
  if (report.status.state !== 'completed') throw new Error(`the pipeline did not complete: ${JSON.stringify(report.status)}`);
}
sample();
clearInterval(timer);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const main = String(process.pid);
const spent = (tid: string) => (seen.get(tid) ?? 0) - (before.get(tid) ?? 0);
const helpers = [...seen.keys()].filter((tid) => tid !== main && before.has(tid)).map(spent).filter((ms) => ms > 0);
const started = [...seen.keys()].filter((tid) => !before.has(tid)).map(spent).filter((ms) => ms > 0);
const total = (cpu.user + cpu.system) / 1000;
console.log(
  JSON.stringify({
    load: args.loop ? 'loop' : args.mapping ? 'pipeline (mapping file)' : 'pipeline',
    shape,
    records,
    wallMs: Math.round(wall),
    cpuMs: Math.round(total),
    cpuMicrosPerRecord: Math.round((total * 1000) / records),
    mainThreadMs: spent(main),
    startedThreadsMs: started.sort((a, b) => b - a),
    helperThreadsMs: helpers.sort((a, b) => b - a),
  }),
);
for (const suffix of ['', '-wal', '-shm']) rmSync(sink + suffix, { force: true });
