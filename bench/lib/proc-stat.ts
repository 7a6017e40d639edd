/** Milliseconds a clock tick of /proc's CPU times stands for (USER_HZ, 100 on Linux). */
export const TICK_MS = 10;

/**
 * A /proc `stat` line taken apart: the command name, and the fields after it, numbered from 0 at
 * the state (so utime is 11, stime 12, cutime 13, cstime 14). The name is cut at the last `)`: it
 * may hold spaces and parentheses of its own.
 */
export function statFields(stat: string): { readonly comm: string; readonly fields: readonly string[] } {
  const close = stat.lastIndexOf(')');
  return { comm: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).split(' ') };
}

/** Clock ticks in a /proc `stat` line's fields (as `statFields` gives them): the process's own CPU time, and its reaped children's. */
export function cpuTicks(fields: readonly string[]): { readonly own: number; readonly children: number } {
  return { own: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
}
