import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/print-summary.js';
import { convertCell } from '../../src/mapper/convert.js';
import { XmlField } from '../../src/xml/index.js';
import type { RunReport } from '../../src/pipeline/run-report.js';
import mapBatch from '../../src/worker/worker.js';

const field = (value: string | undefined) => new XmlField(value, '/App/V');
const messageOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
};

describe('failure hints fit the caller', () => {
  it('a malformed value in a nullable column is not told to map it to a nullable column', () => {
    const m = messageOf(() => convertCell(field('12x'), { name: 'n', type: 'integer', nullable: true }, 't'));
    expect(m).toContain('fix the source value, or convert it in the mapper');
    expect(m).not.toContain('nullable column');
  });

  it('an absent value in a non-nullable column is told the column could be nullable', () => {
    const m = messageOf(() => convertCell(field(undefined), { name: 'n', type: 'integer', nullable: false }, 't'));
    expect(m).toContain('declare the column nullable if the value may be absent');
  });

  it("a record's failure, which API callers read too, names no CLI flag; the CLI summary does", async () => {
    const batch = await mapBatch({ mapper: { path: new URL('../fixtures/person-mapper.ts', import.meta.url).pathname }, keys: [7], payloads: ['<person><name>x</person>'], limits: {} });
    expect(batch.messages[0]).toContain('process it again (retryFailed)');
    expect(batch.messages[0]).not.toContain('--');
    const report = { counts: { read: 1, succeeded: 0, failed: 1, skipped: 0, commits: 1, rows: 0 }, failed: 1 } as unknown as RunReport;
    const summary = formatSummary({
      ...report, runId: 'r', source: 's', sink: 'k', partition: 'all', successRate: 0, recordsPerSecond: 0, recordsPerMinute: 0, durationMillis: 1,
      latency: { commit: { p50: 0, p95: 0, p99: 0 } }, workers: { count: 1, utilisation: 0 }, topErrors: [{ count: 1, message: batch.messages[0]! }],
      keyIssues: { nullKeys: 0, duplicates: 0, duplicateKeys: [] }, status: { state: 'completed' },
    } as unknown as RunReport);
    expect(summary).toContain('run the same command with --retry-failed');
  });
});
