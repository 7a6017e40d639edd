import { readdirSync, readFileSync } from 'node:fs';
import { cpuTicks, statFields, TICK_MS } from './proc-stat.js';

/**
 * CPU milliseconds PostgreSQL's server processes on this machine have used so far, the
 * backends that have ended included; undefined where /proc is missing. A load into PostgreSQL
 * makes the server work for it: counted with the machine's other processes, that work read as a
 * busy machine ("other processes used 0.57 cores") in every PostgreSQL run of the bench.
 *
 * A backend's own time is in its /proc entry while it runs (and while it is a zombie); when the
 * postmaster (its parent) reaps it, the kernel adds that time to the postmaster's children's time.
 * So the sum of every `postgres` process's own and children's time only grows, and two samples'
 * difference is what the server spent between them, connections closed meanwhile included. One
 * scan of /proc is not atomic: a backend reaped after the postmaster's entry was read and before
 * its own would be missed (the other way round, counted twice). So a scan counts only when no
 * reap happened around it: the children's time the same in the scans just before and after.
 */
export function databaseCpuMillis(scanProc: () => ServerTicks | undefined = scan): number | undefined {
  let before = scanProc();
  if (before === undefined) return undefined;
  let sample = scanProc()!;
  for (let attempt = 0; attempt < 10; attempt++) {
    const after = scanProc()!;
    if (after.children === before.children) break;
    before = sample;
    sample = after;
  }
  return (sample.own + sample.children) * TICK_MS;
}

/** Clock ticks of every `postgres` process: their own, and their reaped children's. */
export interface ServerTicks {
  readonly own: number;
  readonly children: number;
}

/** One scan of /proc; undefined where there is none. */
function scan(): ServerTicks | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let own = 0;
  let children = 0;
  for (const pid of pids) {
    try {
      const { comm, fields } = statFields(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      if (comm !== 'postgres') continue;
      const ticks = cpuTicks(fields);
      own += ticks.own;
      children += ticks.children;
    } catch {
      // the process was reaped between the listing and the read (its time is now its parent's)
    }
  }
  return { own, children };
}
