import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { runTune } from '../tune/run-tune.js';
import { postgresScratch, sqliteScratch, type Scratch } from '../tune/scratch.js';
import type { TuneMapper } from '../tune/tune-job.js';
import { selectKnobs, tuneKnobs } from '../tune/tune-knobs.js';
import { recommendedLines, tuneChart, tuneTable } from '../tune/tune-report.js';
import { defaultTuneSettings } from '../tune/tune-settings.js';
import { addSourceFlags, sourceFromFlags, type SourceFlags } from './source-flags.js';
import { addMapperFlags, mapperFrom, type MapperFlags } from './mapper-flags.js';
import { intFlag } from './parse-flags.js';
import { parsePostgresUrl } from './postgres-endpoint.js';
import { UsageError } from './usage-error.js';

/** Records copied into the sample by default: with 2 repeats, the whole tune then takes 1-4 minutes on 2 cores. */
export const DEFAULT_SAMPLE = 2000;

interface TuneFlags extends SourceFlags, MapperFlags {
  source: string;
  sample: number;
  repeats: number;
  knobs?: string;
  scratch: string;
  out?: string;
}

/** `--scratch sqlite` (files in the output folder), `sqlite:DIR`, or a PostgreSQL URL (a new schema per run). */
function scratchOf(flag: string, outDir: string): Scratch {
  if (flag === 'sqlite') return sqliteScratch(join(outDir, 'scratch'));
  if (flag.startsWith('sqlite:')) {
    const dir = resolve(flag.slice('sqlite:'.length));
    mkdirSync(dir, { recursive: true });
    return sqliteScratch(dir);
  }
  if (/^postgres(ql)?:\/\//i.test(flag)) return postgresScratch(parsePostgresUrl(flag).url);
  throw new UsageError(`--scratch ${flag.startsWith('/') || flag.startsWith('.') ? flag : flag.replace(/\/\/.*@/, '//***@')}: use sqlite (the default), sqlite:DIR or postgres://USER@HOST:PORT/DB`);
}

/** `20261130-011502`, for the default output folder. */
function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** `sluice tune`: sweep the tuning knobs on a sample of the user's own records and mapper. */
export function registerTuneCommand(program: Command, setExit: (code: number) => void): void {
  addSourceFlags(
    addMapperFlags(
      program
        .command('tune')
        .description('measure workers, queue, batch and task sizes and commits in flight on a sample of your records, and recommend settings')
        .requiredOption('--source <url>', 'where records are: dir:PATH, xml:FILE, sqlite:PATH, postgres://…, mssql://… (only read)'),
    ),
  )
    .option('--sample <n>', 'records copied from the source and loaded by every run', intFlag(1, 10_000_000), DEFAULT_SAMPLE)
    .option('--repeats <n>', 'runs of each setting (the table shows their median and spread)', intFlag(1, 20), 2)
    .option('--knobs <list>', 'knobs to sweep, comma-separated: workers, queue-size, batch-size, task-size, commits-in-flight (default: all)')
    .option('--scratch <where>', 'where runs write: sqlite (files in the output folder), sqlite:DIR, or postgres://… (a new schema per run, dropped after it)', 'sqlite')
    .option('--out <dir>', 'folder for tune.json and tune.svg (default: ./sluice-tune-<time>)')
    .action(async (f: TuneFlags) => {
      const mapperRef = mapperFrom(f);
      const mapper: TuneMapper = f.mapping !== undefined ? { mappingFile: resolve(f.mapping) } : { module: mapperRef as string };
      const cores = availableParallelism();
      let knobs;
      try {
        knobs = selectKnobs(tuneKnobs(cores, f.sample), f.knobs);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const childScript = fileURLToPath(new URL('./tune-child.js', import.meta.url));
      if (!existsSync(childScript)) throw new UsageError(`sluice tune runs each setting in ${childScript}, which is missing: run the built CLI (npm run build)`);
      const outDir = resolve(f.out ?? `sluice-tune-${stamp()}`);
      const workDir = join(outDir, 'scratch');
      // Flags checked before anything is created.
      const source = sourceFromFlags(f.source, f);
      try {
        // A missing table or column, or a --where the database refuses, is named here.
        await source.check?.();
      } catch (error) {
        await source.close();
        throw error;
      }
      const scratch = scratchOf(f.scratch, outDir);
      mkdirSync(workDir, { recursive: true });
      const log = (m: string) => process.stderr.write(`${m}\n`);
      try {
        const outcome = await runTune({ source, mapper, sample: f.sample, repeats: f.repeats, knobs, defaults: defaultTuneSettings(cores), workDir, scratch, childScript, log });
        writeFileSync(join(outDir, 'tune.json'), `${JSON.stringify(outcome, null, 2)}\n`);
        writeFileSync(join(outDir, 'tune.svg'), tuneChart(outcome));
        const out = process.stdout;
        out.write(`${tuneTable(outcome)}\n\n`);
        const failed = Math.max(0, ...outcome.knobs.flatMap((k) => k.points.map((p) => p.failed)));
        if (failed > 0) out.write(`Warning: ${failed.toLocaleString('en-US')} of ${outcome.sample.records.toLocaleString('en-US')} sample records failed in a run; the rates include failing records: check the mapper with sluice run first.\n`);
        out.write(`${recommendedLines(outcome).join('\n')}\n`);
        out.write(`Wrote ${join(outDir, 'tune.json')} and ${join(outDir, 'tune.svg')} (${(outcome.durationMillis / 1000).toFixed(0)} s).\n`);
        setExit(0);
      } finally {
        await scratch.close();
        rmSync(workDir, { recursive: true, force: true });
      }
    });
}
