import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI (npm test builds it first). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Runs `sluice ...args` to completion (in `cwd`, default this process's). */
export function sluice(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 180_000, ...(cwd && { cwd }) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `sluice ...args` in the background. */
export function startSluice(args: readonly string[]) {
  return spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}
