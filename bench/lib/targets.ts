import { DOCUMENT_SHAPES, type DocumentShape } from '../../src/demo/index.js';
import { int, num, ratio } from '../../src/tune/table.js';

/** The pipeline against the hand-written loop on one document shape, loads run side by side. */
export interface LoopComparison {
  /** Records/s, fastest run of each. */
  readonly pipeline: number;
  readonly loop: number;
  /** pipeline / loop records/s of each round. */
  readonly rounds: readonly number[];
  /** Records/s after warm-up (the records after the first 20%, over the time they took), fastest run of each. */
  readonly pipelineSteady?: number;
  readonly loopSteady?: number;
  /** CPU per record (all threads), µs, median of the runs. */
  readonly pipelineCpuMicros: number;
  readonly loopCpuMicros: number;
  /** CPU per record after warm-up (the first 20% of the records), µs, median of the runs. */
  readonly pipelineSteadyCpuMicros?: number;
  readonly loopSteadyCpuMicros?: number;
  /** pipeline / loop CPU per record of each round. */
  readonly cpuRounds: readonly number[];
  /** Highest peak RSS of each, MB. */
  readonly pipelineRssMb: number;
  readonly loopRssMb: number;
  readonly others?: number;
  /**
   * Records/s of two loops at once (two processes, half the keys each), fastest round: what this
   * machine gives two independent single-thread programs. Below 1.6 × one loop, no program can
   * reach the speed target here: the machine does not have two free cores.
   */
  readonly twoLoops?: number;
  /**
   * CPU per record (both processes' CPU over their records), µs, of two loops at once, median of
   * the rounds. Above `loopCpuMicros` by what running on both cores at once costs any program on
   * this machine (the cores share caches, memory bandwidth and, in a VM, perhaps one physical core);
   * the pipeline always runs that way, the lone loop never does. Shown beside the CPU target, not judged.
   */
  readonly twoLoopsCpuMicros?: number;
  /** The database both wrote to: the speed target is 1.6× the loop into SQLite, 1.3× into PostgreSQL. @default 'sqlite' */
  readonly db?: 'sqlite' | 'postgres';
}

/** Speed target of the pipeline against the loop, per database (issue 12). */
export const LOOP_SPEED_TARGET = { sqlite: 1.6, postgres: 1.3 } as const;

/** The measurements the issue's targets are judged on; each ratio from loads run side by side. */
export interface TargetInputs {
  /** Pipeline and the hand-written loop, per document shape, same run. */
  readonly loop?: Readonly<Partial<Record<DocumentShape, LoopComparison>>>;
  /** The same with the pipeline mapping by the shape's declarative mapping file (no code, no element tree). */
  readonly loopMapping?: Readonly<Partial<Record<DocumentShape, LoopComparison>>>;
  /** Pipeline and its two ceilings, same run. */
  readonly ceilings?: { readonly pipeline: number; readonly parseMap: number; readonly sink: number; readonly others?: number };
  /** Overlapped pipeline and batch-sequential loop, same run. */
  readonly overlap?: { readonly overlapped: number; readonly sequential: number; readonly others?: number };
  /** Highest peak RSS among the 2-worker pipeline loads at default settings, MB. */
  readonly peakRssMb?: number;
  /** RSS late in the largest scale run against RSS early in it. */
  readonly rssGrowth?: { readonly earlyAt: number; readonly earlyMb: number; readonly lateAt: number; readonly lateMb: number };
  /** Slowest first commit among the pipeline loads at default settings, ms. */
  readonly firstCommitMillis?: number;
}

/** INDICATION: measured on a stand-in (the quick run's RSS growth over 100k, not 1M records); --full judges. */
export type TargetStatus = 'PASS' | 'FAIL' | 'NOT RUN' | 'INDICATION';

/** Other processes busier than this (cores) during a compared run make its ratio an indication only. */
export const DISTURBED_CORES = 0.25;

function disturbed(others: number | undefined): string {
  return others !== undefined && others > DISTURBED_CORES ? `; other processes used up to ${num(others, 2)} cores meanwhile` : '';
}

export interface TargetResult {
  readonly target: string;
  readonly measured: string;
  readonly status: TargetStatus;
}

/** Judges the issue's targets (medium documents, SQLite, 2 workers); the loop's on both document shapes. */
export function evaluateTargets(m: TargetInputs): TargetResult[] {
  const out: TargetResult[] = [];
  const judge = (target: string, measured: string | undefined, pass: boolean | undefined, proxy = false) =>
    out.push({ target, measured: measured ?? '–', status: pass === undefined ? 'NOT RUN' : proxy ? 'INDICATION' : pass ? 'PASS' : 'FAIL' });

  for (const [comparisons, mapper] of [[m.loop, ''], [m.loopMapping, ', mapping file']] as const) {
    // The mapping file's targets are judged only when it ran.
    if (mapper !== '' && comparisons === undefined) continue;
    for (const shape of DOCUMENT_SHAPES) {
      const l = comparisons?.[shape];
      const speed = l && l.pipeline / l.loop;
      const range = (xs: readonly number[]) => `rounds ${num(Math.min(...xs), 2)}–${num(Math.max(...xs), 2)}×`;
      const capacity = l?.twoLoops === undefined ? undefined : l.twoLoops / l.loop;
      const db = l?.db ?? 'sqlite';
      const target = LOOP_SPEED_TARGET[db];
      // A machine whose two cores do not give two loops 1.6× one loop cannot judge a miss; a
      // pipeline that reaches the target all the same has passed it.
      const noTwoCores = capacity !== undefined && capacity < target;
      const passed = speed === undefined ? undefined : speed >= target;
      judge(
        `pipeline ≥ ${target} × hand-written loop, ${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (${shape}${mapper})`,
        l &&
          `${ratio(speed!)} (${int(l.pipeline)} vs ${int(l.loop)} records/s; ${range(l.rounds)}${disturbed(l.others)})` +
            (l.pipelineSteady && l.loopSteady
              ? `; after warm-up ${ratio(l.pipelineSteady / l.loopSteady)} (${int(l.pipelineSteady)} vs ${int(l.loopSteady)} records/s), not judged`
              : '') +
            (noTwoCores
              ? passed
                ? `; reached although two independent loops did only ${ratio(capacity)} of one here`
                : `; no verdict: two independent loops did only ${ratio(capacity)} of one here, so this machine lacks the two free cores the target assumes`
              : ''),
        passed,
        noTwoCores && !passed,
      );
      const cpu = l && l.pipelineCpuMicros / l.loopCpuMicros;
      judge(
        `CPU per record ≤ 1.15 × the loop's (${shape}${mapper})`,
        l &&
          `${ratio(cpu!)} (${int(l.pipelineCpuMicros)} vs ${int(l.loopCpuMicros)} µs; ${range(l.cpuRounds)})` +
            (l.pipelineSteadyCpuMicros && l.loopSteadyCpuMicros
              ? `; after warm-up ${ratio(l.pipelineSteadyCpuMicros / l.loopSteadyCpuMicros)} (${int(l.pipelineSteadyCpuMicros)} vs ${int(l.loopSteadyCpuMicros)} µs), not judged`
              : '') +
            (l.twoLoopsCpuMicros
              ? `; two loops at once spent ${int(l.twoLoopsCpuMicros)} µs a record, ${ratio(l.twoLoopsCpuMicros / l.loopCpuMicros)} a lone loop's (what sharing both cores costs any program here), not judged`
              : ''),
        cpu === undefined ? undefined : cpu <= 1.15,
      );
      const rss = l && l.pipelineRssMb / l.loopRssMb;
      judge(`peak RSS ≤ 1.5 × the loop's (${shape}${mapper})`, l && `${ratio(rss!)} (${int(l.pipelineRssMb)} vs ${int(l.loopRssMb)} MB)`, rss === undefined ? undefined : rss <= 1.5);
    }
  }

  const c = m.ceilings;
  const slower = c && Math.min(c.parseMap, c.sink);
  const rc = c && c.pipeline / slower!;
  judge(
    'pipeline ≥ 0.8 × slower ceiling',
    c && `${ratio(rc!)} (${int(c.pipeline)} vs ${c.parseMap <= c.sink ? 'parse+map' : 'sink'} ${int(slower!)} records/s${disturbed(c.others)})`,
    rc === undefined ? undefined : rc >= 0.8,
  );

  const o = m.overlap;
  const ro = o && o.overlapped / o.sequential;
  judge('overlapped ≥ 1.2 × sequential', o && `${ratio(ro!)} (${int(o.overlapped)} vs ${int(o.sequential)} records/s${disturbed(o.others)})`, ro === undefined ? undefined : ro >= 1.2);

  judge('peak RSS ≤ 350 MB (2 workers)', m.peakRssMb === undefined ? undefined : `${int(m.peakRssMb)} MB`, m.peakRssMb === undefined ? undefined : m.peakRssMb <= 350);

  const g = m.rssGrowth;
  const rg = g && g.lateMb / g.earlyMb - 1;
  judge(
    'RSS after 1M within 10% of after 100k',
    g &&
      `${rg! >= 0 ? '+' : ''}${num(rg! * 100)}% (${int(g.earlyMb)} MB at ${int(g.earlyAt)}, ${int(g.lateMb)} MB at ${int(g.lateAt)})${
        g.lateAt < 1_000_000 ? ` — quick-mode stand-in, ${rg! <= 0.1 ? 'within' : 'over'} 10%; --full judges at 1M` : ''
      }`,
    rg === undefined ? undefined : rg <= 0.1,
    g !== undefined && g.lateAt < 1_000_000,
  );

  judge('first commit within 1 s', m.firstCommitMillis === undefined ? undefined : `${int(m.firstCommitMillis)} ms`, m.firstCommitMillis === undefined ? undefined : m.firstCommitMillis <= 1000);
  return out;
}

/** Gathers the experiments' inputs: ratios from their own experiment; peak RSS and first commit are the worst seen. */
export function mergeTargets(parts: readonly (TargetInputs | undefined)[]): TargetInputs {
  let merged: TargetInputs = {};
  for (const t of parts) {
    if (!t) continue;
    const peakRssMb = Math.max(merged.peakRssMb ?? 0, t.peakRssMb ?? 0);
    const firstCommitMillis = Math.max(merged.firstCommitMillis ?? -1, t.firstCommitMillis ?? -1);
    merged = {
      ...merged,
      ...t,
      ...(peakRssMb > 0 && { peakRssMb }),
      ...(firstCommitMillis >= 0 && { firstCommitMillis }),
    };
  }
  return merged;
}
