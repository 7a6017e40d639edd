import { parseArgs } from 'node:util';
import type { DocumentShape } from '../../src/demo/index.js';
import type { DocSize } from './seed-cache.js';

export const EXPERIMENTS = ['profile', 'sequential', 'sweeps', 'ceilings', 'loop', 'scale', 'instances', 'micro'] as const;
export type ExperimentName = (typeof EXPERIMENTS)[number];

/** What `npm run bench -- <flags>` asked for, with the plan of record counts filled in. */
export interface BenchConfig {
  readonly full: boolean;
  readonly size: DocSize;
  /** Document shape of every experiment but `loop`, which runs both. */
  readonly shape: DocumentShape;
  readonly db: 'sqlite' | 'postgres';
  readonly only: readonly ExperimentName[];
  readonly workers: number;
  /** Records of profile, sequential, ceilings, loop (each shape) and instances. */
  readonly records: number;
  /** Records of each sweep setting. */
  readonly sweepRecords: number;
  /** Records of the instances experiment (all instances together). */
  readonly instanceRecords: number;
  /** Record counts of the scale experiment. */
  readonly scale: readonly number[];
  /** Runs of each load in the side-by-side comparisons (alternating order: A B, B A, A B ...), and of the profile. */
  readonly repeats: number;
  /** Passes over each sweep (ascending, descending, ...); the fastest run of each setting counts. */
  readonly sweepPasses: number;
  /** Write docs/bench.md and docs/bench/*.svg from this run. */
  readonly docs: boolean;
  readonly outDir: string;
  /** The command line, for the report. */
  readonly command: string;
}

export const USAGE = `usage: npm run bench -- [options]
  --full                 the full plan (100k records per comparison, scale up to 1M, repeats); default: quick (< 5 min)
  --size <size>          document size: small (~2 KB), medium (~8 KB, default), large (~64 KB)
  --shape <shape>        elements (default) or attributes (~4 KB, ~24 rows a medium document), for every
                         experiment but loop, which runs both
  --records <n>          records per comparison (default 20,000 quick, 100,000 full); sweeps use half,
                         and so do instances in quick mode
  --db <db>              sqlite (default) or postgres (needs SLUICE_PG_URL)
  --only <names>         comma-separated experiments: ${EXPERIMENTS.join(', ')}
  --workers <n>          worker threads of the measured loads (default 2, the targets' setting)
  --out <dir>            results root (default bench-results)
  --docs                 also write docs/bench.md and docs/bench/*.svg from this run
  --help`;

/** Parses the harness's flags; throws an Error with the usage on a bad one. */
export function parseBenchArgs(argv: readonly string[]): BenchConfig | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      full: { type: 'boolean', default: false },
      size: { type: 'string', default: 'medium' },
      shape: { type: 'string', default: 'elements' },
      records: { type: 'string' },
      db: { type: 'string', default: 'sqlite' },
      only: { type: 'string' },
      workers: { type: 'string', default: '2' },
      out: { type: 'string', default: 'bench-results' },
      docs: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const size = values.size;
  if (size !== 'small' && size !== 'medium' && size !== 'large') throw new Error(`--size must be small, medium or large; got "${size}"`);
  const shape = values.shape;
  if (shape !== 'elements' && shape !== 'attributes') throw new Error(`--shape must be elements or attributes; got "${shape}"`);
  const db = values.db;
  if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db must be sqlite or postgres; got "${db}"`);
  const full = values.full;
  const records = values.records === undefined ? (full ? 100_000 : 20_000) : positiveInt('--records', values.records);
  const workers = positiveInt('--workers', values.workers);
  const only = values.only === undefined ? EXPERIMENTS.filter((e) => e !== 'micro' || full) : values.only.split(',').map((s) => s.trim());
  for (const name of only) {
    if (!(EXPERIMENTS as readonly string[]).includes(name)) throw new Error(`--only: unknown experiment "${name}"; known: ${EXPERIMENTS.join(', ')}`);
  }
  return {
    full,
    size,
    shape,
    db,
    only: only as ExperimentName[],
    workers,
    records,
    sweepRecords: Math.max(1000, Math.floor(records / 2)),
    instanceRecords: full ? records : Math.max(1000, Math.floor(records / 2)),
    scale: full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000],
    repeats: 3,
    sweepPasses: full ? 3 : 2,
    docs: values.docs,
    outDir: values.out,
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
  };
}

function positiveInt(flag: string, s: string): number {
  const n = Number(s.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer; got "${s}"`);
  return n;
}
