import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, seedPeople, tempDir } from '../helpers/people.js';

describe('--max-bytes-in-flight', () => {
  it('sets the byte budget of a run, which its report shows and which bounds what it admitted', () => {
    const db = seedPeople(300);
    const report = join(tempDir(), 'report.json');
    const r = sluice(['run', '--source', `sqlite:${db}`, '--sink', `sqlite:${db}`, '--mapper', PERSON_MAPPER, '--no-progress', '--metrics-out', report, '--max-bytes-in-flight', '4096', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(report)).toBe(true);
    const { queue, counts } = JSON.parse(readFileSync(report, 'utf8')) as { queue: { byteCapacity: number; maxBytes: number }; counts: { succeeded: number } };
    expect(counts.succeeded).toBe(300);
    expect(queue.byteCapacity).toBe(4096);
    expect(queue.maxBytes).toBeGreaterThan(0);
    expect(queue.maxBytes).toBeLessThanOrEqual(4096);
  });

  it('refuses a budget under 1 KiB with a usage error', () => {
    const db = seedPeople(1);
    const r = sluice(['run', '--source', `sqlite:${db}`, '--sink', `sqlite:${db}`, '--mapper', PERSON_MAPPER, '--max-bytes-in-flight', '10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-bytes-in-flight.*expected an integer from 1024/);
  });
});
