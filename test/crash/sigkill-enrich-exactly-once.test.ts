import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { formatReport, runCrashHarness } from '../../scripts/lib/crash-harness.js';

// Issue 13: exactly once under SIGKILL with a user stage in the chain. The loader composes the
// stages with an asynchronous enrichment stage (scripts/lib/enrich-loader.mjs): it rewrites a
// column, retries a simulated 503, and skips some records with a reason.
describe('crash and resume with an enrichment stage in the chain', () => {
  it('ends with the same rows and processing_log as an uninterrupted run', async () => {
    const report = await runCrashHarness({ records: 2_000, kills: 6, size: 'small', batchSizes: [50, 100, 200], workers: [1, 2], keep: true, enrich: true });
    const printed = formatReport(report);
    try {
      expect(report.failures, printed).toEqual([]);
      expect(report.kills, printed).toBeGreaterThanOrEqual(5);
      for (const c of report.comparisons) {
        expect({ table: c.table, equal: c.equal, rows: c.crashRows }, printed).toEqual({ table: c.table, equal: true, rows: c.referenceRows });
      }
      const onePerKey = { sourceRecords: 2_000, entries: 2_000, distinctKeys: 2_000, missing: 0, stray: 0, ok: true };
      expect(report.logCheck).toEqual({ reference: onePerKey, crash: onePerKey });
      expect(report.attempts.reduce((n, a) => n + a.committed, 0)).toBe(2_000);

      // The enrichment stage really was in the chain of the killed processes.
      const db = new Database(join(report.dir, 'crash.db'), { readonly: true });
      try {
        expect(db.prepare("SELECT count(*) n FROM processing_log WHERE status = 'skipped' AND error LIKE 'no score for application %'").get()).toEqual({ n: 20 });
        expect(db.prepare('SELECT count(*) n FROM app_base WHERE channel <> upper(channel)').get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    } finally {
      rmSync(report.dir, { recursive: true, force: true });
    }
  }, 300_000);
});
