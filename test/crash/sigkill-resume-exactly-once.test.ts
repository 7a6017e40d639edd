import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatReport, runCrashHarness } from '../../scripts/lib/crash-harness.js';

// Issue 3, item 1: kill a load with SIGKILL at random instants (startup, right after a commit,
// inside a commit, anywhere), restart it until it completes, and the tables equal those of an
// uninterrupted run. The instants are real time; the assertions are only about the final state.
describe('crash and resume (SIGKILL at random instants)', () => {
  it('ends with the same rows and processing_log as an uninterrupted run: ≥ 10 kills over 5,000 records', async () => {
    const report = await runCrashHarness({
      records: 5_000,
      kills: 12,
      size: 'medium',
      batchSizes: [100, 150, 250],
      workers: [1, 2],
      keep: true,
    });
    const printed = formatReport(report);
    try {
      expect(report.failures, printed).toEqual([]);
      expect(report.kills, printed).toBeGreaterThanOrEqual(10);
      expect(report.attempts.filter((a) => a.exitSignal === 'SIGKILL')).toHaveLength(report.kills);
      const last = report.attempts[report.attempts.length - 1]!;
      expect({ trigger: last.trigger, exitCode: last.exitCode }).toEqual({ trigger: 'final', exitCode: 0 });

      // Every target table and the log, row for row.
      expect(report.comparisons.map((c) => c.table).sort()).toEqual(
        ['app_address', 'app_base', 'app_contact', 'app_employment', 'app_tradeline', 'processing_log'],
      );
      for (const c of report.comparisons) {
        expect({ table: c.table, equal: c.equal, rows: c.crashRows }, printed).toEqual({ table: c.table, equal: true, rows: c.referenceRows });
        expect(c.crashRows, `${c.table} is empty: the comparison would prove nothing`).toBeGreaterThan(0);
      }
      expect(report.schemaEqual).toBe(true);

      // One log entry per key, in both databases.
      const onePerKey = { sourceRecords: 5_000, entries: 5_000, distinctKeys: 5_000, missing: 0, stray: 0, ok: true };
      expect(report.logCheck).toEqual({ reference: onePerKey, crash: onePerKey });
      // Every record the killed processes committed plus the final one's: nothing was done twice.
      expect(report.attempts.reduce((n, a) => n + a.committed, 0)).toBe(5_000);
    } finally {
      rmSync(report.dir, { recursive: true, force: true });
    }
  }, 240_000);
});
