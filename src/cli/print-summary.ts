import type { RunReport } from '../pipeline/run-report.js';

const n = (x: number) => x.toLocaleString('en-US');
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The human summary of a run, as the origin system printed it after a batch. */
export function formatSummary(r: RunReport, reportFile?: string): string {
  const c = r.counts;
  const state = r.status.state === 'completed' ? 'COMPLETE' : r.status.state === 'aborted' ? 'INTERRUPTED' : 'STOPPED';
  const lines = [
    '',
    `SLUICE RUN ${state} (run ${r.runId})`,
    `  Source:           ${r.source}`,
    `  Sink:             ${r.sink}`,
    `  Partition:        ${r.partition}`,
    `  Records read:     ${n(c.read)}`,
    `  Succeeded:        ${n(c.succeeded)}`,
    `  Failed:           ${n(c.failed)}`,
    `  Skipped:          ${n(c.skipped)}`,
    `  Success rate:     ${(r.successRate * 100).toFixed(1)}%`,
    `  Throughput:       ${n(Math.round(r.recordsPerSecond))} records/s (${n(r.recordsPerMinute)} records/min)`,
    `  Duration:         ${(r.durationMillis / 1000).toFixed(1)} s`,
    `  Commit latency:   p50 ${ms(r.latency.commit.p50)} · p95 ${ms(r.latency.commit.p95)} · p99 ${ms(r.latency.commit.p99)} (${n(c.commits)} commits, ${n(c.rows)} rows)`,
    `  Workers:          ${r.workers.count} · utilisation ${(r.workers.utilisation * 100).toFixed(1)}%`,
  ];
  if (r.topErrors.length) {
    lines.push('  Top errors:');
    for (const e of r.topErrors) lines.push(`    ${n(e.count)}× ${e.message}`);
  }
  if (c.failed > 0) lines.push('  Failed records:   stay failed in processing_log; fix them, then run the same command with --retry-failed.');
  const k = r.keyIssues;
  if (k.nullKeys) {
    lines.push(`  NULL keys:        ${n(k.nullKeys)} record${k.nullKeys === 1 ? '' : 's'} not read: a record without a key cannot be checkpointed; give ${k.nullKeys === 1 ? 'it a key' : 'them keys'} or exclude ${k.nullKeys === 1 ? 'it' : 'them'} (--where)`);
  }
  if (k.duplicates) {
    const keys = `${k.duplicateKeys.join(', ')}${k.duplicates > k.duplicateKeys.length ? ', …' : ''}`;
    lines.push(`  Duplicate keys:   ${n(k.duplicates)} record${k.duplicates === 1 ? '' : 's'} not read: ${k.duplicates === 1 ? 'its key was' : 'their keys were'} already read (${keys}); make the key column unique`);
  }
  if (r.status.state === 'stopped') lines.push(`  Stopped because:  ${r.status.error}`);
  if (r.status.state === 'aborted') lines.push('  Interrupted: committed work is kept; run the same command again to finish.');
  if (reportFile) lines.push(`  Report:           ${reportFile}`);
  return lines.join('\n');
}
