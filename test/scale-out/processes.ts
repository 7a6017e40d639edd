import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export const QUEUE_WORKER = fileURLToPath(new URL('../fixtures/queue-worker.mjs', import.meta.url));

/** Multi-process tests run the built package, as users do: `npm run build` first (npm test does). */
export function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the scale-out tests`);
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A child `node` process and its exit (stdout and stderr collected). */
export interface Proc {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
}

export function spawnNode(args: readonly string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exited };
}

/** Polls `check` (a database query) until it holds; fails after `timeoutMillis` saying what it waited for. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMillis = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  // A table the load has not created yet reads as "not yet".
  const holds = () =>
    check().catch((e: unknown) => {
      if ((e as { code?: string } | null)?.code === '42P01') return false;
      throw e;
    });
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
