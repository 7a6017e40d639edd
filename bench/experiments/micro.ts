import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchContext, Experiment, ExperimentOutput } from '../lib/context.js';
import { ROOT } from '../lib/sluice.js';
import type { Table } from '../../src/tune/table.js';

const MICRO = fileURLToPath(new URL('../micro/', import.meta.url));

/** "name: 12.3 µs/doc ±1.2% (80 samples)" — the line every micro-benchmark prints per case. */
const LINE = /^(.+?): ([\d.,]+) µs\/(\S+) ±([\d.]+)% \((\d+) samples\)/;

export interface MicroCase {
  readonly file: string;
  readonly name: string;
  readonly micros: number;
  readonly per: string;
  readonly rme: number;
}

export function parseMicroOutput(file: string, stdout: string): MicroCase[] {
  const out: MicroCase[] = [];
  for (const line of stdout.split('\n')) {
    const m = LINE.exec(line.trim());
    if (m) out.push({ file, name: m[1]!, micros: Number(m[2]!.replace(/,/g, '')), per: m[3]!, rme: Number(m[4]) });
  }
  return out;
}

/** Runs every bench/micro/*.bench.ts (the `benchmark` package), each in its own process. */
export const micro: Experiment = {
  name: 'micro',
  title: '8. Micro-benchmarks: parse, map, row encoding, batch building, SQLite insert paths',
  async run(ctx: BenchContext): Promise<ExperimentOutput> {
    const files = readdirSync(MICRO).filter((f) => f.endsWith('.bench.ts')).sort();
    const cases: MicroCase[] = [];
    for (const f of files) {
      ctx.log(`  ${f} ...`);
      const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'jiti/register', `${MICRO}${f}`], {
        cwd: ROOT,
        maxBuffer: 16 << 20,
      });
      cases.push(...parseMicroOutput(f, stdout));
    }
    const table: Table = {
      title: 'Micro-benchmarks (mean time per operation, ± relative margin of error)',
      columns: ['file', 'case', 'µs', 'per', '±'],
      rows: cases.map((c) => [c.file, c.name, c.micros.toFixed(1), c.per, `${c.rme.toFixed(1)}%`]),
    };
    return { name: 'micro', title: this.title, tables: [table], charts: [], notes: [], data: cases };
  },
};
