/**
 * The crash harness as a command:
 *
 *   npm run test:crash -- --kills 50 --records 100000
 *
 * Generates demo data once, loads one copy without interruption and another while SIGKILLing the
 * loader at random instants (restarting it each time), then compares every target table and
 * processing_log. Exits 0 on PASS, 1 on any difference, 2 on a bad flag. See docs/crash-testing.md.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatReport, killRunningChildren, runCrashHarness, type CrashHarnessOptions, type DocumentSize } from './lib/crash-harness.js';

export const USAGE = `usage: npm run test:crash -- [--kills N] [--records N] [--size small|medium|large] [--seed N]
         [--batch-sizes 100,250,...] [--workers 1,2] [--dir DIR] [--keep] [--json FILE] [--cli PATH/cli.js] [--enrich]`;

/** What the command line asks for. */
export type HarnessArgs =
  | { readonly kind: 'run'; readonly options: Omit<CrashHarnessOptions, 'log'>; readonly json: string | undefined }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

class ArgError extends Error {}

function int(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new ArgError(`--${name} must be an integer ≥ ${min}; got "${value}"`);
  return n;
}

function ints(name: string, value: string | undefined): number[] | undefined {
  return value === undefined ? undefined : value.split(',').map((v) => int(name, v.trim(), 0, 1));
}

/** Parses the flags; defaults: 10 kills over 5,000 medium records (the CI size). */
export function parseHarnessArgs(argv: readonly string[]): HarnessArgs {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        kills: { type: 'string' },
        records: { type: 'string' },
        size: { type: 'string' },
        seed: { type: 'string' },
        'batch-sizes': { type: 'string' },
        workers: { type: 'string' },
        dir: { type: 'string' },
        keep: { type: 'boolean' },
        enrich: { type: 'boolean' },
        json: { type: 'string' },
        cli: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) return { kind: 'help' };
    const size = values.size ?? 'medium';
    if (!['small', 'medium', 'large'].includes(size)) throw new ArgError(`--size must be small, medium or large; got "${size}"`);
    const batchSizes = ints('batch-sizes', values['batch-sizes']);
    const workers = ints('workers', values.workers);
    return {
      kind: 'run',
      json: values.json,
      options: {
        records: int('records', values.records, 5_000, 1),
        kills: int('kills', values.kills, 10, 0),
        size: size as DocumentSize,
        ...(values.seed !== undefined && { seed: int('seed', values.seed, 0, 0) }),
        ...(batchSizes && { batchSizes }),
        ...(workers && { workers }),
        ...(values.dir !== undefined && { dir: resolve(values.dir) }),
        ...(values.cli !== undefined && { cli: resolve(values.cli) }),
        keep: values.keep ?? false,
        ...(values.enrich && { enrich: true }),
      },
    };
  } catch (error) {
    if (error instanceof ArgError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return { kind: 'error', message: (error as Error).message };
    throw error;
  }
}

/** Runs the harness; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const args = parseHarnessArgs(argv);
  if (args.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.kind === 'error') {
    process.stderr.write(`crash-harness: ${args.message}\n${USAGE}\n`);
    return 2;
  }
  // Ctrl-C: take the loader down too (the databases stay in the working directory).
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      killRunningChildren();
      process.stderr.write(`\ncrash-harness: ${sig}, stopped\n`);
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
  const started = Date.now();
  const report = await runCrashHarness({
    ...args.options,
    log: (line) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`),
  });
  process.stdout.write(`${formatReport(report)}\n`);
  if (args.json) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
  return report.pass ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await main(process.argv.slice(2)));
}
