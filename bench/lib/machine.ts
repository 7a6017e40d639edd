import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import Database from 'better-sqlite3';

/** The machine a run measured, as the report prints it. */
export interface Machine {
  readonly nproc: number;
  readonly cpu: string;
  readonly memory: string;
  readonly freeH: string;
  readonly node: string;
  readonly os: string;
  readonly sqlite: string;
}

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
  } catch {
    return `(${cmd} unavailable)`;
  }
}

export function describeMachine(): Machine {
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    freeH: run('free', ['-h']),
    node: process.version,
    os: `${process.platform} ${release()}`,
    sqlite,
  };
}
