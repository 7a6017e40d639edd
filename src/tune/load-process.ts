import { fork } from 'node:child_process';

/** Parent → load process. */
export type ToLoadProcess<J> = { readonly type: 'run'; readonly job: J };
/** Load process → parent. */
export type FromLoadProcess<R> =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly result: R }
  | { readonly type: 'error'; readonly message: string };

/** How to start a load process. */
export interface LoadProcessOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Node flags of the process (its worker threads inherit them). @default [] */
  readonly execArgv?: readonly string[];
}

/** A load process that has loaded its modules and waits for its one job. */
export interface LoadProcess<J, R> {
  /** Sends the job, waits for its result and for the process to exit. */
  run(job: J, label: string): Promise<R>;
}

/**
 * Forks `script` (which calls `serveOneLoad`) and waits until it has loaded its modules. One
 * measured load per process, so that its peak RSS and its module cache are its own: this is
 * how `sluice tune` and the bench measure each setting.
 */
export async function startLoadProcess<J, R>(script: string, options: LoadProcessOptions = {}): Promise<LoadProcess<J, R>> {
  const child = fork(script, [], {
    ...(options.cwd && { cwd: options.cwd }),
    env: options.env ?? process.env,
    execArgv: [...(options.execArgv ?? [])],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const inbox: FromLoadProcess<R>[] = [];
  let wake: (() => void) | undefined;
  let exited = false;
  child.on('message', (m: FromLoadProcess<R>) => {
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
  const next = async (): Promise<FromLoadProcess<R>> => {
    while (inbox.length === 0) {
      if (exited) throw new Error(`load process exited before answering:\n${output.trim().slice(-4000)}`);
      await new Promise<void>((r) => (wake = r));
    }
    return inbox.shift()!;
  };
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`load process: expected ready, got ${ready.type}`);
  return {
    async run(job, label) {
      child.send({ type: 'run', job } satisfies ToLoadProcess<J>);
      const m = await next();
      await gone;
      if (m.type === 'error') throw new Error(`${label} failed:\n${m.message}\n${output.trim().slice(-2000)}`);
      if (m.type !== 'result') throw new Error(`load process: expected a result, got ${m.type}`);
      return m.result;
    },
  };
}

/** Runs one load in a fresh process and returns what it measured. */
export async function runInLoadProcess<J, R>(script: string, job: J, label: string, options: LoadProcessOptions = {}): Promise<R> {
  return (await startLoadProcess<J, R>(script, options)).run(job, label);
}
