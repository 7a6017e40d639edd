import { fork } from 'node:child_process';
import type { FromChild, ToChild } from '../child.js';
import { childScript } from './build-child.js';
import type { LoadJob, LoadResult } from './load-job.js';
import { ROOT } from './sluice.js';

/** A forked load process that has loaded its modules and waits for its job. */
interface ReadyChild {
  run(job: LoadJob): Promise<LoadResult>;
}

async function startChild(): Promise<ReadyChild> {
  const child = fork(await childScript(), [], {
    cwd: ROOT,
    env: { ...process.env, SLUICE_BENCH_ROOT: ROOT },
    // Plain node (no TypeScript loader: pool workers inherit execArgv and must run as in users'
    // processes); --expose-gc lets each load start from a collected heap.
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const inbox: FromChild[] = [];
  let wake: (() => void) | undefined;
  let exited = false;
  child.on('message', (m: FromChild) => {
    inbox.push(m);
    wake?.();
  });
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      wake?.();
      resolve();
    }),
  );
  const next = async (): Promise<FromChild> => {
    while (inbox.length === 0) {
      if (exited) throw new Error(`load process exited before answering:\n${output.trim().slice(-4000)}`);
      await new Promise<void>((r) => (wake = r));
    }
    return inbox.shift()!;
  };
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`load process: expected ready, got ${ready.type}`);
  return {
    async run(job) {
      child.send({ type: 'run', job } satisfies ToChild);
      const m = await next();
      await gone;
      if (m.type === 'error') throw new Error(`${job.label} (${job.kind}) failed:\n${m.message}\n${output.trim().slice(-2000)}`);
      if (m.type !== 'result') throw new Error(`load process: expected a result, got ${m.type}`);
      return m.result;
    },
  };
}

/** Runs a load in a fresh process and returns what it measured. */
export async function runInChild(job: LoadJob): Promise<LoadResult> {
  return (await startChild()).run(job);
}

/** Runs loads in as many processes at once, started together once every one is ready. */
export async function runTogether(jobs: readonly LoadJob[]): Promise<LoadResult[]> {
  const children = await Promise.all(jobs.map(() => startChild()));
  return Promise.all(children.map((c, i) => c.run(jobs[i]!)));
}
