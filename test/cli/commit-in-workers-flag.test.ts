import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, query, seedPeople, tempDir } from '../helpers/people.js';

describe('sluice run --no-commit-in-workers', () => {
  it.each([
    ['by default the workers commit (up to --batch-size records a transaction)', [], 'workers', [2, 6]],
    ['with the flag the main thread commits batches of --batch-size', ['--no-commit-in-workers'], 'main', [2, 2]],
  ])('%s', (_what, flags, commitsIn, [least, most]) => {
    const file = seedPeople(300);
    const report = join(tempDir(), 'report.json');
    const r = sluice(['run', '--source', `sqlite:${file}`, '--sink', `sqlite:${file}`, '--mapper', PERSON_MAPPER, '--workers', '2', '--task-size', '50', '--batch-size', '150', '--no-progress', '--metrics-out', report, ...flags]);

    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { settings: { commitsIn: string }; counts: { commits: number } };
    expect(json.settings.commitsIn).toBe(commitsIn);
    expect(json.counts.commits).toBeGreaterThanOrEqual(least!);
    expect(json.counts.commits).toBeLessThanOrEqual(most!);
    expect(query(file, 'SELECT count(*) n FROM person')[0]).toEqual({ n: 300 });
    expect(query(file, 'SELECT count(*) n FROM processing_log')[0]).toEqual({ n: 300 });
  });
});
