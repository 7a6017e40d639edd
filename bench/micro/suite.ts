// Shared by the micro-benchmarks: runs a `benchmark` suite and prints one line per case in the
// form the harness parses (bench/experiments/micro.ts): "name: 12.3 µs/doc ±1.2% (80 samples)".
import Benchmark from 'benchmark';

export interface MicroCase {
  readonly name: string;
  /** Units of work one call does (e.g. 100 documents), so times print per unit. */
  readonly units?: number;
  /** The unit's name: doc, record, row, batch. @default 'op' */
  readonly unit?: string;
  readonly fn: (() => void) | ((deferred: Benchmark.Deferred) => void);
  /** `fn` takes a deferred and resolves it (asynchronous cases). */
  readonly defer?: boolean;
}

/** Runs the cases one after another and prints them; resolves when the last one is done. */
export function runMicro(title: string, cases: readonly MicroCase[]): Promise<void> {
  console.log(title);
  const suite = new Benchmark.Suite();
  const byName = new Map(cases.map((c) => [c.name, c]));
  for (const c of cases) suite.add(c.name, c.fn, { defer: c.defer === true, minSamples: 20, maxTime: 2 });
  const done = new Promise<void>((resolve) => suite.on('complete', () => resolve()));
  suite
    .on('cycle', (event: Benchmark.Event) => {
      const b = event.target;
      const c = byName.get(String(b.name));
      const micros = ((b.stats?.mean ?? 0) * 1e6) / (c?.units ?? 1);
      console.log(`${String(b.name)}: ${micros.toFixed(2)} µs/${c?.unit ?? 'op'} ±${(b.stats?.rme ?? 0).toFixed(1)}% (${b.stats?.sample.length ?? 0} samples)`);
    })
    .on('error', (event: Benchmark.Event) => {
      console.error(`${String(event.target.name)} failed: ${String((event.target as { error?: unknown }).error)}`);
      process.exitCode = 1;
    })
    .run({ async: true });
  return done;
}
