import { readdirSync, readFileSync } from 'node:fs';

/** Milliseconds a clock tick of /proc's CPU times stands for (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/**
 * CPU milliseconds PostgreSQL's server processes on this machine have used so far, the
 * backends that have ended included; undefined where /proc is missing. A load into PostgreSQL
 * makes the server work for it: counted with the machine's other processes, that work read as a
 * busy machine ("other processes used 0.57 cores") in every PostgreSQL run of the bench.
 *
 * A backend's own time is in its /proc entry while it runs; when it ends, the postmaster (its
 * parent) reaps it and the kernel adds its time to the postmaster's children's time. So the sum
 * of every `postgres` process's own and children's time only grows, and two samples' difference
 * is what the server spent between them, connections closed meanwhile included.
 */
export function databaseCpuMillis(): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      if (stat.slice(open + 1, close) !== 'postgres') continue;
      // After "pid (comm) ": state, ppid, ..., utime (11), stime (12), cutime (13), cstime (14).
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // the process ended between the listing and the read (its time is now its parent's)
    }
  }
  return ticks * TICK_MS;
}
