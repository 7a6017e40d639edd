import { readFileSync } from 'node:fs';

/**
 * Peak resident set size of this process so far (main thread and worker threads), MB: VmHWM
 * from /proc where there is one, else `process.resourceUsage().maxRSS` (same figure, kilobytes).
 */
export function peakRssMb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m?.[1]) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
