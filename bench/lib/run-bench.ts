import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ceilings } from '../experiments/ceilings.js';
import { instances } from '../experiments/instances.js';
import { loopExperiment } from '../experiments/loop.js';
import { micro } from '../experiments/micro.js';
import { profile } from '../experiments/profile.js';
import { sequential } from '../experiments/sequential-vs-overlapped.js';
import { scale } from '../experiments/scale.js';
import { sweeps } from '../experiments/sweeps.js';
import type { BenchConfig } from './config.js';
import { BenchContext, type EndpointProvider, type Experiment, type ExperimentOutput } from './context.js';
import { snapshotDist } from './dist-snapshot.js';
import { describeMachine } from './machine.js';
import { postgresProvider } from './postgres-provider.js';
import { formatDuration, summaryMarkdown, type RunSummary } from './report-markdown.js';
import { ROOT } from './sluice.js';
import { sqliteProvider } from './sqlite-provider.js';
import { formatTable } from '../../src/tune/table.js';
import { evaluateTargets, mergeTargets } from './targets.js';

/** In the issue's order. */
const ALL: readonly Experiment[] = [profile, sequential, sweeps, ceilings, loopExperiment, scale, instances, micro];

/** Runs the experiments `config` asks for; resolves with the exit code. */
export async function runBench(config: BenchConfig): Promise<number> {
  const t0 = Date.now();
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
  const root = resolve(ROOT, config.outDir);
  const dir = join(root, stamp);
  mkdirSync(dir, { recursive: true });
  const log = (m: string) => process.stderr.write(`${m}\n`);

  let provider: EndpointProvider;
  if (config.db === 'postgres') {
    const pg = await postgresProvider(config.size, join(root, '.cache'), log);
    if (!pg.ok) {
      process.stdout.write(`Skipping the bench on PostgreSQL: ${pg.reason}.\n`);
      return 0;
    }
    provider = pg.provider;
  } else {
    provider = sqliteProvider(join(root, '.cache'), dir, config.size, log);
  }

  // Every load of this run measures one build, whatever happens to dist/ meanwhile.
  const snapshot = snapshotDist(stamp);
  process.env.SLUICE_BENCH_DIST = snapshot.dist;
  const machine = describeMachine();
  const ctx = new BenchContext(config, dir, provider);
  const s = ctx.settings;
  const settings = `workers ${s.workers}, taskSize ${s.taskSize}, tasksPerWorker ${s.tasksPerWorker}, batchSize ${s.batchSize}, queueSize ${s.queueSize}, maxInFlightCommits ${s.maxInFlightCommits}, (the pipeline's defaults, workers ${s.workers})`;
  process.stdout.write(
    `Sluice bench (${config.full ? 'full' : 'quick'}): ${config.size} documents, ${provider.description}\n` +
      `machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memory}, Node ${machine.node}, SQLite ${machine.sqlite}\n` +
      `settings: ${settings}\nresults: ${dir}\n\n`,
  );

  const outputs: ExperimentOutput[] = [];
  const failures: { name: string; error: string }[] = [];
  try {
    for (const e of ALL.filter((x) => config.only.includes(x.name))) {
      const te = Date.now();
      process.stdout.write(`━━ ${e.title}\n`);
      try {
        const out = await e.run(ctx);
        outputs.push(out);
        ctx.writeJson(e.name, { experiment: e.name, title: e.title, settings: s, tables: out.tables, data: out.data });
        for (const t of out.tables) process.stdout.write(`\n${formatTable(t)}\n`);
        for (const n of out.notes) process.stdout.write(`\n${n}\n`);
        process.stdout.write(`\ncharts: ${out.charts.map((c) => join(dir, c.file)).join(', ') || '–'}\n`);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push({ name: e.name, error: message });
        process.stdout.write(`\n${e.name} FAILED: ${message}\n`);
      }
      process.stdout.write(`(${e.name}: ${formatDuration((Date.now() - te) / 1000)})\n\n`);
    }
  } finally {
    await provider.close();
    rmSync(join(dir, 'tmp'), { recursive: true, force: true });
    snapshot.remove();
  }

  const targets = evaluateTargets(mergeTargets(outputs.map((o) => o.targets)));
  const recommended = recommendations(outputs, ctx);
  const summary: RunSummary = {
    command: config.command,
    startedAt: startedAt.toISOString(),
    durationSeconds: (Date.now() - t0) / 1000,
    machine,
    database: provider.description,
    settings,
    outputs,
    failures,
    targets,
    recommended,
  };
  // The loop's targets are defined for PostgreSQL too (1.3× instead of 1.6×); the others for SQLite only.
  const applicable = config.size === 'medium' && config.workers === 2 && (config.db === 'sqlite' || (config.only.length === 1 && config.only[0] === 'loop'));
  process.stdout.write(`━━ Recommended settings\n${recommended.map((r) => `  ${r}`).join('\n')}\n\n`);
  process.stdout.write(
    `${formatTable({
      title: `━━ Targets${applicable ? '' : ' (defined for medium documents, SQLite, 2 workers: this run differs, read them as indications)'}`,
      columns: ['target', 'measured (side by side, this run)', 'result'],
      rows: targets.map((t) => [t.target, t.measured, t.status]),
    })}\n\n`,
  );
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify({ ...summary, outputs: outputs.map((o) => ({ name: o.name, tables: o.tables, charts: o.charts })) }, null, 2)}\n`);
  writeFileSync(join(dir, 'summary.md'), summaryMarkdown(summary, './'));
  if (config.docs) writeDocs(summary, dir);
  process.stdout.write(`Done in ${formatDuration(summary.durationSeconds)}. Results: ${dir}/summary.md\n`);
  return failures.length ? 1 : 0;
}

function recommendations(outputs: readonly ExperimentOutput[], ctx: BenchContext): string[] {
  const recs = outputs.flatMap((o) => o.recommendations ?? []);
  if (!recs.length) return ['(no sweep ran: run the sweeps experiment for recommendations)'];
  const lines = recs.map((r) => {
    const d = ctx.settings[r.option];
    const change = r.recommendation.value === d ? 'keep the default' : `default ${d}`;
    return `${r.option}: ${r.recommendation.value} (${change}) — ${r.recommendation.reason}`;
  });
  lines.push(`Each sweep varies one option with the others at their defaults, on ${ctx.config.sweepRecords.toLocaleString('en-US')} ${ctx.config.size} records; rerun with your own document size (--size) before changing several at once.`);
  return lines;
}

/** Marks where docs/bench.md's hand-written part ends and the generated results begin. */
export const RESULTS_MARKER = '<!-- bench:results (generated by npm run bench -- --docs; edit above this line) -->';

/** Replaces the results part of docs/bench.md (keeping the text above the marker) and copies the charts to docs/bench/. */
function writeDocs(summary: RunSummary, dir: string): void {
  const docs = join(ROOT, 'docs');
  const charts = join(docs, 'bench');
  mkdirSync(charts, { recursive: true });
  for (const o of summary.outputs) for (const c of o.charts) copyFileSync(join(dir, c.file), join(charts, c.file));
  const file = join(docs, 'bench.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const at = current.indexOf(RESULTS_MARKER);
  const head = at >= 0 ? current.slice(0, at) : `${current.trimEnd()}\n\n`;
  writeFileSync(file, `${head}${RESULTS_MARKER}\n\n${summaryMarkdown(summary, 'bench/', 'Latest run', 2)}`);
}
