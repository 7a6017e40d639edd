/**
 * Crash harness: proves the exactly-once promise by killing a real load with SIGKILL at random
 * instants, restarting it until it completes, and comparing the result with an uninterrupted run.
 *
 * Used by `scripts/crash-harness.ts` (the long run, `npm run test:crash`) and by
 * `test/crash/*.test.ts` (the CI run). Everything here observes the databases themselves; nothing
 * trusts what the CLI prints, except that its first line means "the database is open".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** The demo mapper's tables: every one is compared row by row. */
export const TARGET_TABLES = ['app_base', 'app_contact', 'app_address', 'app_employment', 'app_tradeline'] as const;
export const LOG_TABLE = 'processing_log';
/** The log columns that must match; run_id, timestamps, instance and attempts legitimately differ. */
export const LOG_COLUMNS = ['key', 'status', 'error'] as const;
/** The source table, identical in both copies by construction (never compared). */
export const SOURCE_TABLE = 'app_xml';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type DocumentSize = 'small' | 'medium' | 'large';

/** How a crash attempt chooses its instant. */
export type KillTrigger =
  /** A random delay after spawn, up to the reference run's time to first commit: boot, DDL, worker start, first reads. */
  | 'startup'
  /** As soon as processing_log reaches a random count: right after a commit, while the next batches are parsed. */
  | 'after-commit'
  /** A random delay after the process's first commit: anywhere in steady state (reads, parsing, commits). */
  | 'timed'
  /** The instant the WAL shows the first frame of a new transaction: while a commit is being written. */
  | 'in-commit';

export const KILL_TRIGGERS: readonly KillTrigger[] = ['startup', 'after-commit', 'timed', 'in-commit'];

/** CLI flags of one process; varied across restarts to shake out more orderings. */
export interface RunSettings {
  readonly workers: number;
  readonly batchSize: number;
  readonly taskSize: number;
  readonly commitsInFlight: number;
}

export interface CrashHarnessOptions {
  /** Records to generate (deterministic demo data). */
  readonly records: number;
  /** SIGKILLs to land before the run may complete. */
  readonly kills: number;
  /** Demo document size. @default 'medium' */
  readonly size?: DocumentSize;
  /** PRNG seed of the kill plan and settings (the instants themselves are real time). @default random */
  readonly seed?: number;
  /** Batch sizes to pick from per process. @default [100, 150, 250] up to 20,000 records, else [100, 250, 500, 1000] */
  readonly batchSizes?: readonly number[];
  /** Worker counts to pick from per process. @default [1, 2] */
  readonly workers?: readonly number[];
  /** Working directory (databases, build snapshot). @default a new temp directory */
  readonly dir?: string;
  /** The CLI to run. @default a snapshot of this repository's dist/ taken at start (immune to concurrent rebuilds) */
  readonly cli?: string;
  /**
   * Load through a composed flow with an asynchronous enrichment stage in the chain
   * (scripts/lib/enrich-loader.mjs, beside the snapshot) instead of `sluice demo`. @default false
   */
  readonly enrich?: boolean;
  /** Keep the working directory even on PASS. @default false (it is kept on FAIL) */
  readonly keep?: boolean;
  /** Progress lines. @default none */
  readonly log?: (line: string) => void;
  /** Longest a single process may run without being killed or finishing. @default 10 minutes */
  readonly processTimeoutMillis?: number;
}

/** One process of the crash run. */
export interface Attempt {
  readonly index: number;
  readonly trigger: KillTrigger | 'final';
  readonly settings: RunSettings;
  readonly spawnAt: number;
  readonly exitAt: number;
  /** True when the harness's SIGKILL ended it. */
  readonly killed: boolean;
  /** Milliseconds from spawn to SIGKILL. */
  readonly killAfterMillis: number | undefined;
  readonly exitCode: number | null;
  readonly exitSignal: NodeJS.Signals | null;
  /** processing_log count last seen before the kill (a lower bound of what was committed then). */
  readonly logSeen: number | undefined;
  /** The -wal file the kill left behind, read raw (never through SQLite) before the restart. */
  readonly walAfter: WalState | undefined;
  /** The kill left uncommitted frames of this process in the WAL: it died inside a commit. */
  readonly diedInsideCommit: boolean;
  /** Records whose log entry this process committed (from finished_at, after the run). */
  committed: number;
  readonly stderrTail: string;
}

/** A -wal file, read from its frame headers. */
export interface WalState {
  readonly bytes: number;
  /** Frames of the current WAL generation (salts match the header). */
  readonly frames: number;
  /** Frames after the last commit frame: a transaction was being written when the process died. */
  readonly uncommittedFrames: number;
  /** The header's salts: a new value means the WAL was restarted. */
  readonly salts: string;
}

export interface TableComparison {
  readonly table: string;
  readonly columns: readonly string[];
  readonly referenceRows: number;
  readonly crashRows: number;
  readonly referenceHash: string;
  readonly crashHash: string;
  readonly equal: boolean;
  /** The first difference in primary-key order, if any. */
  readonly firstDifference?: string;
}

/** "One log entry per key", checked in one database. */
export interface LogCheck {
  readonly sourceRecords: number;
  readonly entries: number;
  readonly distinctKeys: number;
  /** Source keys with no log entry. */
  readonly missing: number;
  /** Log keys that are not source keys. */
  readonly stray: number;
  readonly ok: boolean;
}

export interface CrashReport {
  readonly records: number;
  readonly size: DocumentSize;
  readonly seed: number;
  readonly killsRequested: number;
  readonly batchSizes: readonly number[];
  readonly dir: string;
  readonly seedMillis: number;
  readonly reference: { readonly millis: number; readonly firstCommitMillis: number; readonly settings: RunSettings; readonly ok: boolean };
  readonly crashMillis: number;
  readonly compareMillis: number;
  readonly attempts: readonly Attempt[];
  readonly kills: number;
  readonly killsByTrigger: Readonly<Record<KillTrigger, number>>;
  /** Killed processes that had committed nothing. */
  readonly killedBeforeFirstCommit: number;
  /** Killed processes that had committed at least one batch. */
  readonly killedMidRun: number;
  /** Kills that left uncommitted frames in the WAL: provably inside a commit. */
  readonly killedInsideTransaction: number;
  readonly restarts: number;
  /** Restarts that found a -wal file (with frames) left by the kill, for SQLite to recover. */
  readonly restartsWithWal: number;
  readonly comparisons: readonly TableComparison[];
  readonly schemaEqual: boolean;
  readonly logCheck: { readonly reference: LogCheck; readonly crash: LogCheck };
  readonly totalMillis: number;
  /** Empty on PASS. */
  readonly failures: readonly string[];
  readonly pass: boolean;
}

/** Small, seedable PRNG (mulberry32): the plan is reproducible, the instants are real time. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The triggers of `kills` crash attempts, shuffled: about 20% startup, 25% after-commit, 25%
 * in-commit and the rest timed; from 4 kills on, each at least once.
 */
export function killPlan(kills: number, rng: () => number): KillTrigger[] {
  const share = (f: number) => (kills >= 4 ? Math.max(1, Math.round(kills * f)) : 0);
  const startup = share(0.2);
  const afterCommit = share(0.25);
  const inCommit = share(0.25);
  const plan: KillTrigger[] = [
    ...Array<KillTrigger>(startup).fill('startup'),
    ...Array<KillTrigger>(afterCommit).fill('after-commit'),
    ...Array<KillTrigger>(inCommit).fill('in-commit'),
    ...Array<KillTrigger>(kills - startup - afterCommit - inCommit).fill('timed'),
  ];
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  // Startup kills size their window from an earlier process's first commit: not first, then.
  const first = plan.findIndex((t) => t !== 'startup');
  if (first > 0) [plan[0], plan[first]] = [plan[first]!, plan[0]!];
  return plan;
}

/**
 * Copies dist/ (plus package.json and a node_modules link, so `import 'sluice'` resolves) into
 * `dir`, so other people rebuilding dist/ during a long run cannot break a restart. Returns the CLI.
 */
export async function snapshotBuild(dir: string, repoRoot = REPO_ROOT): Promise<string> {
  const root = join(dir, 'build');
  const dist = join(root, 'dist');
  const needed = ['cli.js', 'index.js', 'worker.js', 'credit-app-mapper.js'];
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(root, { recursive: true, force: true });
      mkdirSync(root, { recursive: true });
      cpSync(join(repoRoot, 'dist'), dist, { recursive: true });
      const missing = needed.filter((f) => !existsSync(join(dist, f)));
      if (missing.length) throw new Error(`${join(repoRoot, 'dist')} lacks ${missing.join(', ')}: run npm run build`);
      break;
    } catch (error) {
      if (attempt >= 10) throw error;
      await sleep(1000); // someone may be rebuilding right now
    }
  }
  copyFileSync(join(repoRoot, 'package.json'), join(root, 'package.json'));
  copyFileSync(join(repoRoot, 'scripts', 'lib', 'enrich-loader.mjs'), join(root, ENRICH_LOADER));
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  return join(dist, 'cli.js');
}

/** The enrichment loader's file name, beside the snapshot's dist/ (so that `sluice` resolves to it). */
const ENRICH_LOADER = 'enrich-loader.mjs';

/** The command of one loading process: `sluice demo`, or the enrichment loader on the same database. */
function loadCommand(cli: string, enrich: boolean, db: string, records: number, size: DocumentSize, s: RunSettings): [string, string[]] {
  if (!enrich) return [cli, demoArgs(db, records, size, s)];
  const args = ['--db', db, '--workers', String(s.workers), '--batch-size', String(s.batchSize), '--task-size', String(s.taskSize), '--commits-in-flight', String(s.commitsInFlight)];
  return [join(dirname(dirname(cli)), ENRICH_LOADER), args];
}

/** The `demo` arguments of one process. */
function demoArgs(db: string, records: number, size: DocumentSize, s: RunSettings | undefined, extra: readonly string[] = []): string[] {
  const args = ['demo', '--db', db, '--records', String(records), '--size', size, '--no-progress', '--no-metrics', ...extra];
  if (s) {
    args.push('--workers', String(s.workers), '--batch-size', String(s.batchSize), '--task-size', String(s.taskSize), '--commits-in-flight', String(s.commitsInFlight));
  }
  return args;
}

/** A running CLI process, its output collected. */
class Child {
  readonly proc: ChildProcess;
  readonly spawnAt = Date.now();
  exitAt = 0;
  stdout = '';
  stderr = '';
  /** The CLI printed its first line: it has opened the database (and SQLite has recovered any WAL). */
  opened = false;
  exited = false;
  code: number | null = null;
  signal: NodeJS.Signals | null = null;
  readonly exit: Promise<void>;

  constructor(cli: string, args: readonly string[]) {
    this.proc = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(this.proc);
    this.proc.stdout!.on('data', (d: Buffer) => {
      this.opened = true;
      this.stdout += d.toString();
    });
    this.proc.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.exit = once(this.proc, 'exit').then(([code, signal]) => {
      this.exitAt = Date.now();
      this.exited = true;
      this.code = code as number | null;
      this.signal = signal as NodeJS.Signals | null;
      running.delete(this.proc);
    });
  }

  async kill(): Promise<void> {
    if (!this.exited) this.proc.kill('SIGKILL');
    await this.exit;
  }

  /** Sleeps up to `ms`, returning early if the process exits. */
  async sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.exited) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exit, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }
}

const running = new Set<ChildProcess>();

/** SIGKILLs every CLI process the harness started (for the script's Ctrl-C handler). */
export function killRunningChildren(): void {
  for (const p of running) p.kill('SIGKILL');
}

/** Runs the CLI to its end. */
async function runToEnd(cli: string, args: readonly string[], timeoutMillis: number): Promise<Child> {
  const child = new Child(cli, args);
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), timeoutMillis);
  await child.exit;
  clearTimeout(timer);
  return child;
}

/**
 * Generates the deterministic demo data once (`demo --limit 0` seeds app_xml and loads nothing),
 * then drops everything but app_xml, so every run creates its tables itself and a startup kill
 * can land in the DDL too. The file is left without a -wal, ready to be copied.
 */
export async function seedSource(cli: string, file: string, records: number, size: DocumentSize): Promise<void> {
  const r = await runToEnd(cli, demoArgs(file, records, size, undefined, ['--limit', '0', '--workers', '1']), 30 * 60_000);
  if (r.code !== 0) throw new Error(`seeding ${file} failed (exit ${r.code ?? r.signal}): ${r.stderr.trim() || r.stdout.trim()}`);
  const db = new Database(file);
  try {
    const n = db.prepare(`SELECT count(*) FROM ${SOURCE_TABLE}`).pluck().get() as number;
    if (n !== records) throw new Error(`seeding ${file}: expected ${records} records in ${SOURCE_TABLE}, found ${n}`);
    const others = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name <> ? AND name NOT LIKE 'sqlite_%'`).pluck().all(SOURCE_TABLE) as string[];
    db.transaction(() => {
      for (const t of others) db.exec(`DROP TABLE "${t}"`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) throw new Error(`seeding ${file}: a -wal file is left; cannot copy safely`);
}

/** Reads a -wal file's frame headers (not through SQLite: the next process must do the recovery). */
export function readWal(dbFile: string): WalState {
  const file = `${dbFile}-wal`;
  if (!existsSync(file)) return { bytes: 0, frames: 0, uncommittedFrames: 0, salts: '' };
  const bytes = statSync(file).size;
  if (bytes < 32) return { bytes, frames: 0, uncommittedFrames: 0, salts: '' };
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(32);
    readSync(fd, header, 0, 32, 0);
    const magic = header.readUInt32BE(0);
    if (magic !== 0x377f0682 && magic !== 0x377f0683) return { bytes, frames: 0, uncommittedFrames: 0, salts: '' };
    const pageSize = header.readUInt32BE(8) === 1 ? 65536 : header.readUInt32BE(8);
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);
    const frame = Buffer.alloc(24);
    let frames = 0;
    let lastCommit = 0;
    for (let at = 32; at + 24 <= bytes; at += 24 + pageSize) {
      readSync(fd, frame, 0, 24, at);
      if (frame.readUInt32BE(8) !== salt1 || frame.readUInt32BE(12) !== salt2) break; // an older generation
      frames++; // a torn last frame (header written, page not) counts: it is uncommitted either way
      if (frame.readUInt32BE(4) !== 0) lastCommit = frames; // commit frames carry the database size
    }
    return { bytes, frames, uncommittedFrames: frames - lastCommit, salts: header.toString('hex', 16, 24) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Watches the end of the -wal file for the first frame of a new transaction, by reading frame
 * headers (never through SQLite). A commit writes its frames one by one and the commit frame
 * last, so a kill sent the moment a new frame appears lands inside that commit more often than not.
 */
class WalWriteWatcher {
  private fd: number | undefined;
  private readonly header = Buffer.alloc(32);
  private readonly frame = Buffer.alloc(24);
  private salts = '';
  private frameBytes = 0;
  private next = 32;

  constructor(private readonly file: string) {}

  /** Reads the header; false if there is no valid WAL yet. Remembers where the valid frames end. */
  private readHeader(): boolean {
    if (this.fd === undefined) {
      if (!existsSync(this.file)) return false;
      this.fd = openSync(this.file, 'r');
    }
    if (readSync(this.fd, this.header, 0, 32, 0) < 32) return false;
    const magic = this.header.readUInt32BE(0);
    return magic === 0x377f0682 || magic === 0x377f0683;
  }

  private frameAt(at: number): { current: boolean } {
    const n = readSync(this.fd!, this.frame, 0, 24, at);
    const current = n === 24 && this.frame.readUInt32BE(8) === this.header.readUInt32BE(16) && this.frame.readUInt32BE(12) === this.header.readUInt32BE(20);
    return { current };
  }

  /** Finds the end of the current frames: the place the next transaction writes to. */
  arm(): void {
    this.salts = '';
    if (!this.readHeader()) return;
    const pageSize = this.header.readUInt32BE(8) === 1 ? 65536 : this.header.readUInt32BE(8);
    this.frameBytes = 24 + pageSize;
    this.salts = this.header.toString('hex', 16, 24);
    this.next = 32;
    while (this.frameAt(this.next).current) this.next += this.frameBytes;
  }

  /** True once a transaction has started writing frames since `arm()`. */
  writing(): boolean {
    if (!this.salts) {
      this.arm();
      return false;
    }
    if (!this.readHeader()) return false;
    if (this.header.toString('hex', 16, 24) !== this.salts) return true; // the WAL was restarted by a new write
    return this.frameAt(this.next).current;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Watches processing_log's count while a process runs, through a read-only connection opened only
 * once the process has the database open (so the process, not the harness, recovers a WAL) and
 * closed before the next process starts. Counts only when another connection has committed.
 */
class LogWatcher {
  private db: Database.Database | undefined;
  private version = -1;
  private initial: number | undefined;
  count = 0;
  /** When the count first rose above its first reading: the process's first commit. */
  firstCommitAt: number | undefined;

  constructor(private readonly file: string) {}

  /** The current count (re-read only after a commit). */
  poll(): number {
    try {
      this.db ??= new Database(this.file, { readonly: true, fileMustExist: true });
      const v = this.db.pragma('data_version', { simple: true }) as number;
      if (v !== this.version) {
        this.count = this.db.prepare(`SELECT count(*) FROM ${LOG_TABLE}`).pluck().get() as number;
        this.version = v;
      }
    } catch {
      // processing_log not created yet
    }
    this.initial ??= this.count;
    if (this.firstCommitAt === undefined && this.count > this.initial) this.firstCommitAt = Date.now();
    return this.count;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}

/** Polls until `done()` holds or the process exits; false if it exited first. */
async function pollUntil(child: Child, watcher: LogWatcher, done: (count: number) => boolean, deadline: number): Promise<boolean> {
  while (!child.exited) {
    if (child.opened && done(watcher.poll())) return true;
    if (Date.now() > deadline) throw new Error(`process ${child.proc.pid} made no progress before the timeout`);
    await child.sleep(2);
  }
  return false;
}

/**
 * Busy-polls the WAL (in 20 ms slices, yielding in between) until a transaction starts writing to
 * it; false if the process exited first. Costs one core while it waits, typically for one batch.
 */
async function waitForWalWrite(child: Child, walFile: string, deadline: number): Promise<boolean> {
  const wal = new WalWriteWatcher(walFile);
  try {
    wal.arm();
    while (!child.exited) {
      const slice = performance.now() + 20;
      while (performance.now() < slice) if (wal.writing()) return true;
      if (Date.now() > deadline) throw new Error(`process ${child.proc.pid} wrote no commit before the timeout`);
      await new Promise((r) => setImmediate(r));
    }
    return false;
  } finally {
    wal.close();
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const settingsText = (s: RunSettings) => `workers ${s.workers}, batch ${s.batchSize}, task ${s.taskSize}, commits in flight ${s.commitsInFlight}`;

/** Runs the whole experiment: seed, reference run, crash run, comparison. Never throws for a FAIL; see `failures`. */
export async function runCrashHarness(o: CrashHarnessOptions): Promise<CrashReport> {
  const t0 = Date.now();
  const size = o.size ?? 'medium';
  const seed = o.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rng = prng(seed);
  const batchSizes = o.batchSizes ?? (o.records <= 20_000 ? [100, 150, 250] : [100, 250, 500, 1000]);
  const workerCounts = o.workers ?? [1, 2];
  const log = o.log ?? (() => {});
  const timeout = o.processTimeoutMillis ?? 10 * 60_000;
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'sluice-crash-'));
  mkdirSync(dir, { recursive: true });
  const failures: string[] = [];
  const randomSettings = (): RunSettings => ({
    workers: pick(rng, workerCounts),
    batchSize: pick(rng, batchSizes),
    taskSize: pick(rng, [25, 50, 100]),
    commitsInFlight: pick(rng, [1, 2]),
  });

  const seedFile = join(dir, 'seed.db');
  const refFile = join(dir, 'reference.db');
  const crashFile = join(dir, 'crash.db');
  const clean = () => {
    for (const f of [seedFile, refFile, crashFile]) for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });
  };
  log(`seed ${seed}; working in ${dir}`);
  log(`generating ${fmt(o.records)} ${size} records...`);
  // The seeding run also proves the build snapshot loads (CLI, worker, mapper); a snapshot taken
  // while someone else rebuilt dist/ fails here with a module error, and is taken again.
  let cli = o.cli ?? (await snapshotBuild(dir));
  for (let attempt = 1; ; attempt++) {
    clean();
    try {
      await seedSource(cli, seedFile, o.records, size);
      break;
    } catch (error) {
      const moduleError = /Cannot find module|cannot load mapper|ERR_MODULE_NOT_FOUND/i.test((error as Error).message);
      if (o.cli !== undefined || !moduleError || attempt >= 3) throw error;
      log(`the build snapshot did not load (${(error as Error).message.split('\n')[0]}); taking it again`);
      await sleep(5000);
      cli = await snapshotBuild(dir);
    }
  }
  copyFileSync(seedFile, refFile);
  copyFileSync(seedFile, crashFile);
  rmSync(seedFile);
  const seedMillis = Date.now() - t0;
  log(`generated in ${secs(seedMillis)}`);

  // (a) The reference: one uninterrupted run, watched only to learn when the first commit lands.
  const refSettings: RunSettings = { workers: 2, batchSize: 1000, taskSize: 100, commitsInFlight: 2 };
  const ref = new Child(...loadCommand(cli, o.enrich ?? false, refFile, o.records, size, refSettings));
  const refWatch = new LogWatcher(refFile);
  await pollUntil(ref, refWatch, (n) => n > 0, ref.spawnAt + timeout);
  const firstCommitMillis = Date.now() - ref.spawnAt;
  refWatch.close();
  const refTimer = setTimeout(() => ref.proc.kill('SIGKILL'), timeout);
  await ref.exit;
  clearTimeout(refTimer);
  const refMillis = ref.exitAt - ref.spawnAt;
  const refOk = ref.code === 0 && ref.stdout.includes('SLUICE RUN COMPLETE');
  if (!refOk) failures.push(`reference run failed (exit ${ref.code ?? ref.signal}): ${ref.stderr.trim().slice(-500)}`);
  log(`reference run: ${secs(refMillis)}, first commit after ${secs(firstCommitMillis)} (${settingsText(refSettings)})`);
  // records per ms in steady state, to turn a record budget into a delay
  const rate = o.records / Math.max(1, refMillis - firstCommitMillis);

  // (b) The crash run.
  const crashStart = Date.now();
  const attempts: Attempt[] = [];
  const plan = refOk ? killPlan(o.kills, rng) : [];
  let logSeen = 0;
  let restartsWithWal = 0;
  let completed = false;
  // Startup kills fall in [0, the quickest spawn-to-first-commit seen so far in this run]: boot,
  // WAL recovery, DDL, worker start, first reads and parses. (Its batches are smaller than the reference's.)
  let startupWindow = firstCommitMillis;
  let walLeft: WalState | undefined;
  const noteRestart = () => {
    if (attempts.length > 0 && walLeft && walLeft.frames > 0) restartsWithWal++;
  };

  for (let i = 0; i < plan.length && failures.length === 0; i++) {
    const trigger = plan[i]!;
    const progressKillsLeft = plan.slice(i).filter((t) => t !== 'startup').length;
    // Spread progress-triggered kills over the records left, keeping a quarter in reserve.
    const step = Math.max(1, Math.floor((0.75 * (o.records - logSeen)) / (progressKillsLeft + 1)));
    const settings = randomSettings();
    noteRestart();
    const walBefore = readWal(crashFile);
    const child = new Child(...loadCommand(cli, o.enrich ?? false, crashFile, o.records, size, settings));
    const watcher = new LogWatcher(crashFile);
    const deadline = child.spawnAt + timeout;
    let killAt: number | undefined;
    try {
      if (trigger === 'startup') {
        // The harness does not touch the database: the kill may land before SQLite even opened it.
        await child.sleep(rng() * startupWindow);
      } else {
        await pollUntil(child, watcher, () => true, deadline);
        const start = watcher.poll();
        if (trigger === 'after-commit') {
          const target = Math.min(o.records - 1, start + 1 + Math.floor(rng() * (2 * step - 1)));
          await pollUntil(child, watcher, (n) => n >= target, deadline);
        } else {
          // A random delay after the first commit, cut short if the process gets through more
          // than its share of records (it may run faster than the reference did).
          const delay = (rng() * (trigger === 'timed' ? 2 : 1) * step) / rate;
          const cap = start + 2 * step;
          if (await pollUntil(child, watcher, (n) => n > start, deadline)) {
            const until = Date.now() + delay;
            await pollUntil(child, watcher, (n) => n >= cap || Date.now() >= until, deadline);
            if (trigger === 'in-commit') await waitForWalWrite(child, `${crashFile}-wal`, deadline);
          }
        }
      }
      if (!child.exited) {
        killAt = Date.now();
        await child.kill();
      } else {
        await child.exit;
      }
    } catch (error) {
      await child.kill();
      failures.push(`process #${i + 1}: ${(error as Error).message}`);
    } finally {
      logSeen = Math.max(logSeen, watcher.count);
      if (watcher.firstCommitAt !== undefined) startupWindow = Math.min(startupWindow, watcher.firstCommitAt - child.spawnAt);
      watcher.close();
    }
    walLeft = readWal(crashFile);
    const killed = killAt !== undefined && child.signal === 'SIGKILL';
    // Uncommitted frames count only if this process wrote them (a process killed before it opened
    // the database leaves the previous one's WAL as it was).
    const wroteWal = walLeft.salts !== walBefore.salts || walLeft.frames !== walBefore.frames || walLeft.bytes !== walBefore.bytes;
    const diedInsideCommit = killed && wroteWal && walLeft.uncommittedFrames > 0;
    attempts.push({
      index: i + 1,
      trigger,
      settings,
      spawnAt: child.spawnAt,
      exitAt: child.exitAt,
      killed,
      killAfterMillis: killAt === undefined ? undefined : killAt - child.spawnAt,
      exitCode: child.code,
      exitSignal: child.signal,
      logSeen: trigger === 'startup' ? undefined : watcher.count,
      walAfter: walLeft,
      diedInsideCommit,
      committed: 0,
      stderrTail: child.stderr.slice(-1000),
    });
    const what = killed ? `SIGKILL after ${secs(killAt! - child.spawnAt)}` : `exited ${child.code ?? child.signal} by itself`;
    log(
      `#${String(i + 1).padStart(2, '0')} ${trigger.padEnd(12)} ${what}; log ≥ ${fmt(watcher.count)}; ` +
        `WAL ${(walLeft.bytes / 1e6).toFixed(1)} MB${diedInsideCommit ? `, died inside a commit (${walLeft.uncommittedFrames} uncommitted frames)` : wroteWal ? '' : ', untouched'} (${settingsText(settings)})`,
    );
    if (!killed) {
      completed = child.code === 0;
      if (child.code === 0) failures.push(`the load completed after ${attempts.filter((a) => a.killed).length} of ${o.kills} kills; use more records or fewer kills`);
      else if (failures.length === 0) failures.push(`process #${i + 1} exited ${child.code ?? child.signal} before its kill:\n${child.stderr.trim()}`);
    }
  }

  // Then let it finish.
  if (failures.length === 0) {
    const settings = randomSettings();
    noteRestart();
    const child = await runToEnd(...loadCommand(cli, o.enrich ?? false, crashFile, o.records, size, settings), timeout);
    walLeft = readWal(crashFile);
    attempts.push({
      index: attempts.length + 1,
      trigger: 'final',
      settings,
      spawnAt: child.spawnAt,
      exitAt: child.exitAt,
      killed: false,
      killAfterMillis: undefined,
      exitCode: child.code,
      exitSignal: child.signal,
      logSeen: undefined,
      walAfter: walLeft,
      diedInsideCommit: false,
      committed: 0,
      stderrTail: child.stderr.slice(-1000),
    });
    log(`#${String(attempts.length).padStart(2, '0')} final        exited ${child.code ?? child.signal} after ${secs(child.exitAt - child.spawnAt)} (${settingsText(settings)})`);
    completed = child.code === 0;
    if (child.code !== 0 || !child.stdout.includes('SLUICE RUN COMPLETE')) {
      failures.push(`the final run did not complete (exit ${child.code ?? child.signal}):\n${child.stderr.trim() || child.stdout.trim()}`);
    }
  }
  const crashMillis = Date.now() - crashStart;

  // (c) Compare.
  let comparisons: TableComparison[] = [];
  let schemaEqual = false;
  const emptyCheck: LogCheck = { sourceRecords: 0, entries: 0, distinctKeys: 0, missing: 0, stray: 0, ok: false };
  let logCheck = { reference: emptyCheck, crash: emptyCheck };
  let compareMillis = 0;
  // Compared whenever the load finished, even if too few kills landed: a difference is still news.
  if (completed) {
    log('comparing...');
    const c0 = Date.now();
    countCommitsPerProcess(crashFile, attempts);
    const cmp = compareDatabases(refFile, crashFile);
    comparisons = cmp.tables;
    schemaEqual = cmp.schemaEqual;
    logCheck = { reference: checkLog(refFile, o.records), crash: checkLog(crashFile, o.records) };
    failures.push(...cmp.failures);
    for (const [which, c] of Object.entries(logCheck)) {
      if (!c.ok) failures.push(`${which} processing_log: ${fmt(c.entries)} entries, ${fmt(c.distinctKeys)} keys, ${fmt(c.missing)} source keys missing, ${fmt(c.stray)} stray, for ${fmt(c.sourceRecords)} records`);
    }
    compareMillis = Date.now() - c0;
    log(`compared in ${secs(compareMillis)}`);
  }

  const killedAttempts = attempts.filter((a) => a.killed);
  const killsByTrigger = { startup: 0, 'after-commit': 0, timed: 0, 'in-commit': 0 } satisfies Record<KillTrigger, number>;
  for (const a of killedAttempts) if (a.trigger !== 'final') killsByTrigger[a.trigger]++;
  const pass = failures.length === 0;
  const report: CrashReport = {
    records: o.records,
    size,
    seed,
    killsRequested: o.kills,
    batchSizes,
    dir,
    seedMillis,
    reference: { millis: refMillis, firstCommitMillis, settings: refSettings, ok: refOk },
    crashMillis,
    compareMillis,
    attempts,
    kills: killedAttempts.length,
    killsByTrigger,
    killedBeforeFirstCommit: killedAttempts.filter((a) => a.committed === 0).length,
    killedMidRun: killedAttempts.filter((a) => a.committed > 0).length,
    killedInsideTransaction: killedAttempts.filter((a) => a.diedInsideCommit).length,
    restarts: Math.max(0, attempts.length - 1),
    restartsWithWal,
    comparisons,
    schemaEqual,
    logCheck,
    totalMillis: Date.now() - t0,
    failures,
    pass,
  };
  if (pass && !o.keep && o.dir === undefined) rmSync(dir, { recursive: true, force: true });
  return report;
}

/** Attributes every log entry to the process that committed it (its finished_at lies in that process's lifetime). */
function countCommitsPerProcess(file: string, attempts: Attempt[]): void {
  const db = new Database(file, { readonly: true });
  try {
    const stmt = db.prepare(`SELECT finished_at FROM ${LOG_TABLE}`).pluck();
    for (const iso of stmt.iterate() as IterableIterator<string>) {
      const t = Date.parse(iso);
      const a = attempts.find((x) => t >= x.spawnAt && t <= x.exitAt);
      if (a) a.committed++;
    }
  } finally {
    db.close();
  }
}

/** Primary-key columns in key order, or every column for a table without one. */
function orderColumns(db: Database.Database, table: string): string[] {
  const cols = db.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(table) as { name: string; pk: number }[];
  const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  return (pk.length ? pk : cols).map((c) => c.name);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const rowText = (row: unknown[]) =>
  JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : v));

/**
 * Streams one table from both databases in primary-key order, hashing each row and comparing
 * row by row (no table is held in memory).
 */
export function compareTable(reference: Database.Database, crash: Database.Database, table: string, columns?: readonly string[]): TableComparison {
  const cols = columns ?? (reference.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
  const order = orderColumns(reference, table);
  const sql = `SELECT ${cols.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${order.map(quote).join(', ')}`;
  const a = (reference.prepare(sql).raw(true).iterate() as IterableIterator<unknown[]>)[Symbol.iterator]();
  const b = (crash.prepare(sql).raw(true).iterate() as IterableIterator<unknown[]>)[Symbol.iterator]();
  const ha = createHash('sha256');
  const hb = createHash('sha256');
  let na = 0;
  let nb = 0;
  let firstDifference: string | undefined;
  for (;;) {
    const ra = a.next();
    const rb = b.next();
    if (ra.done && rb.done) break;
    const ta = ra.done ? undefined : rowText(ra.value);
    const tb = rb.done ? undefined : rowText(rb.value);
    if (ta !== undefined) {
      na++;
      ha.update(`${ta}\n`);
    }
    if (tb !== undefined) {
      nb++;
      hb.update(`${tb}\n`);
    }
    if (firstDifference === undefined && ta !== tb) {
      firstDifference = `row ${Math.max(na, nb)} in (${order.join(', ')}) order: reference ${ta ?? '(none)'} / crash run ${tb ?? '(none)'}`;
    }
  }
  const referenceHash = ha.digest('hex');
  const crashHash = hb.digest('hex');
  const equal = na === nb && referenceHash === crashHash && firstDifference === undefined;
  return { table, columns: cols, referenceRows: na, crashRows: nb, referenceHash, crashHash, equal, ...(firstDifference !== undefined && { firstDifference }) };
}

const userTables = (db: Database.Database) =>
  db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ? ORDER BY name`).pluck().all(SOURCE_TABLE) as string[];

/**
 * Compares every target table (all columns) and processing_log (key, status, error) of two
 * database files, and their schemas. `failures` says what differs.
 */
export function compareDatabases(referenceFile: string, crashFile: string): { tables: TableComparison[]; schemaEqual: boolean; failures: string[] } {
  const ref = new Database(referenceFile, { readonly: true, fileMustExist: true });
  const crash = new Database(crashFile, { readonly: true, fileMustExist: true });
  const failures: string[] = [];
  try {
    const refTables = userTables(ref);
    const crashTables = userTables(crash);
    for (const t of [...TARGET_TABLES, LOG_TABLE]) if (!refTables.includes(t)) failures.push(`the reference database has no table ${t}`);
    if (refTables.join() !== crashTables.join()) failures.push(`tables differ: reference [${refTables.join(', ')}], crash run [${crashTables.join(', ')}]`);
    const schema = (db: Database.Database) =>
      (db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name <> ? ORDER BY type, name`).raw(true).all(SOURCE_TABLE) as unknown[][]).map(rowText).join('\n');
    const schemaEqual = schema(ref) === schema(crash);
    if (!schemaEqual) failures.push('schemas differ (sqlite_master)');
    const tables: TableComparison[] = [];
    for (const t of refTables.filter((x) => crashTables.includes(x))) {
      const c = t === LOG_TABLE ? compareTable(ref, crash, t, LOG_COLUMNS) : compareTable(ref, crash, t);
      tables.push(c);
      if (!c.equal) failures.push(`${t} differs: ${fmt(c.referenceRows)} rows in the reference, ${fmt(c.crashRows)} in the crash run; first difference at ${c.firstDifference ?? '?'}`);
    }
    return { tables, schemaEqual, failures };
  } finally {
    ref.close();
    crash.close();
  }
}

/** One log entry per source key, and none for anything else. */
export function checkLog(file: string, records: number): LogCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    const sourceRecords = one(`SELECT count(*) FROM ${SOURCE_TABLE}`);
    const entries = one(`SELECT count(*) FROM ${LOG_TABLE}`);
    const distinctKeys = one(`SELECT count(DISTINCT "key") FROM ${LOG_TABLE}`);
    // `+s.app_id` drops the column's affinity so the log's primary key can be searched (else: a scan per key).
    const missing = one(`SELECT count(*) FROM ${SOURCE_TABLE} s WHERE NOT EXISTS (SELECT 1 FROM ${LOG_TABLE} l WHERE l."key" = +s.app_id)`);
    const stray = one(`SELECT count(*) FROM ${LOG_TABLE} l WHERE NOT EXISTS (SELECT 1 FROM ${SOURCE_TABLE} s WHERE s.app_id = l."key")`);
    const ok = sourceRecords === records && entries === records && distinctKeys === records && missing === 0 && stray === 0;
    return { sourceRecords, entries, distinctKeys, missing, stray, ok };
  } finally {
    db.close();
  }
}

/** The printed report. */
export function formatReport(r: CrashReport): string {
  const killed = r.attempts.filter((a) => a.killed);
  const committed = killed.map((a) => a.committed).sort((x, y) => x - y);
  const median = committed.length ? committed[Math.floor(committed.length / 2)]! : 0;
  const delays = killed.map((a) => a.killAfterMillis ?? 0).sort((x, y) => x - y);
  const width = Math.max(...[...TARGET_TABLES, LOG_TABLE, 'one entry per key'].map((t) => t.length)) + 2;
  const lines = [
    '',
    `SLUICE CRASH HARNESS: ${fmt(r.records)} ${r.size} records, ${r.killsRequested} kills requested (seed ${r.seed})`,
    `  Data generated:         ${secs(r.seedMillis)}`,
    `  Reference run:          ${secs(r.reference.millis)} uninterrupted, first commit after ${secs(r.reference.firstCommitMillis)} (${settingsText(r.reference.settings)})`,
    `  Crash run:              ${secs(r.crashMillis)}, ${r.attempts.length} processes (${r.restarts} restarts), batch sizes ${r.batchSizes.join('/')}, workers 1-2`,
    `  Kills (SIGKILL):        ${r.kills} — by trigger: startup ${r.killsByTrigger.startup}, after-commit ${r.killsByTrigger['after-commit']}, in-commit ${r.killsByTrigger['in-commit']}, timed ${r.killsByTrigger.timed}`,
    `    before first commit:  ${r.killedBeforeFirstCommit} (the process had committed nothing)`,
    `    mid-run:              ${r.killedMidRun} (after ≥ 1 commit of that process)`,
    `    inside a commit:      ${r.killedInsideTransaction} (uncommitted frames left in the WAL; a lower bound)`,
    `    instants:             ${delays.length ? `${secs(delays[0]!)} to ${secs(delays[delays.length - 1]!)} after spawn` : '-'}`,
    `    records committed per killed process: min ${fmt(committed[0] ?? 0)}, median ${fmt(median)}, max ${fmt(committed[committed.length - 1] ?? 0)}`,
    `  Restarts with a -wal left by the kill: ${r.restartsWithWal} of ${r.restarts} (recovered by SQLite in the restarted process)`,
    '  Comparison with the reference run:',
  ];
  for (const c of r.comparisons) {
    const what = c.table === LOG_TABLE ? `${fmt(c.crashRows)} entries (key, status, error)` : `${fmt(c.crashRows)} rows`;
    lines.push(`    ${c.table.padEnd(width)}${what.padEnd(40)}${c.equal ? 'PASS' : 'FAIL'}  sha256 ${c.crashHash.slice(0, 12)}`);
  }
  if (r.comparisons.length) {
    lines.push(`    ${'schema'.padEnd(width)}${''.padEnd(40)}${r.schemaEqual ? 'PASS' : 'FAIL'}`);
    const lc = r.logCheck.crash;
    lines.push(`    ${'one entry per key'.padEnd(width)}${`${fmt(lc.distinctKeys)} keys, ${fmt(lc.missing)} missing, ${fmt(lc.stray)} stray`.padEnd(40)}${lc.ok && r.logCheck.reference.ok ? 'PASS' : 'FAIL'}`);
  }
  lines.push(`  Compared in:            ${secs(r.compareMillis)}`);
  lines.push(`  Total time:             ${secs(r.totalMillis)}`);
  for (const f of r.failures) lines.push(`  FAILURE: ${f}`);
  if (!r.pass) lines.push(`  Databases kept in ${r.dir}`);
  lines.push(`RESULT: ${r.pass ? 'PASS' : 'FAIL'}`);
  return lines.join('\n');
}
