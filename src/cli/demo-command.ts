import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { sqliteSink, sqliteSource } from '../adapters/sqlite/index.js';
import { countCheckpointed, seedDemoDatabase } from '../demo/seed-demo-database.js';
import { executeRun } from './execute-run.js';
import { intFlag } from './parse-flags.js';
import { addRunFlags, displayFrom, runOptionsFrom, type RunFlags } from './run-command.js';
import { UsageError } from './usage-error.js';

const SIZES = ['small', 'medium', 'large'] as const;

/** The example credit-application mapper, built beside the CLI. */
export function demoMapperPath(): string {
  return fileURLToPath(new URL('./credit-app-mapper.js', import.meta.url));
}

/**
 * Shows the demo's data generation: a line when it starts and, on a terminal, a bar (a million
 * records take minutes). Nothing is shown when the data exists already.
 */
function showGeneration(records: number, db: string, progress: boolean): { progress: (written: number) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | undefined;
  return {
    progress: (written) => {
      if (written === 0) {
        process.stdout.write(`Generating ${records.toLocaleString('en-US')} credit applications into ${db}...\n`);
        if (progress && process.stderr.isTTY) {
          bar = new cliProgress.SingleBar({ stream: process.stderr, format: ' {bar} {percentage}% | {value}/{total} generated | ETA {eta_formatted}', hideCursor: true, fps: 5 }, cliProgress.Presets.shades_classic);
          bar.start(records, 0);
        }
      } else {
        bar?.update(written);
      }
    },
    stop: () => bar?.stop(),
  };
}

/** `sluice demo`: generate credit applications into SQLite (once) and load them. */
export function registerDemoCommand(program: Command, setExit: (code: number) => void): void {
  addRunFlags(
    program
      .command('demo')
      .description('generate credit-application XML into a SQLite file (once) and load it with the example mapper; run again to resume')
      .option('--records <n>', 'records to generate when the database has none', intFlag(1, 10_000_000), 20_000)
      .option('--db <path>', 'SQLite file for source and targets', 'sluice-demo.db')
      .option('--size <size>', `document size: ${SIZES.join(', ')}`, 'medium'),
  ).action(async (f: RunFlags & { records: number; db: string; size: string }) => {
    if (!(SIZES as readonly string[]).includes(f.size)) throw new UsageError(`--size must be one of ${SIZES.join(', ')}; got "${f.size}"`);
    const options = runOptionsFrom(f);
    const out = process.stdout;
    const generation = showGeneration(f.records, f.db, displayFrom(f).progress);
    let seeded;
    try {
      seeded = seedDemoDatabase(f.db, f.records, f.size as (typeof SIZES)[number], 'elements', generation.progress);
    } finally {
      generation.stop();
    }
    if (seeded.created) out.write(`Generated ${seeded.records.toLocaleString('en-US')} credit applications into ${f.db} (table app_xml).\n`);
    else out.write(`Using the existing app_xml in ${f.db} (${seeded.records.toLocaleString('en-US')} records; delete the file to generate new data).\n`);
    const done = countCheckpointed(f.db);
    if (done > 0 && !f.retryFailed) {
      const left = Math.max(0, seeded.records - done);
      out.write(`Resuming: ${done.toLocaleString('en-US')} records are already in processing_log; processing the remaining ${left.toLocaleString('en-US')}.\n`);
    }
    const { code } = await executeRun(
      { ...options, source: sqliteSource({ file: f.db }), sink: sqliteSink({ file: f.db }), mapper: demoMapperPath() },
      displayFrom(f),
    );
    setExit(code);
  });
}
