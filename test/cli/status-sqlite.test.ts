import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { tempDir } from '../helpers/people.js';

describe('sluice status --db sqlite:PATH', () => {
  it('prints processing_log counts per status and per instance', () => {
    const db = join(tempDir(), 'demo.db');
    for (const i of ['0', '1']) {
      expect(sluice(['demo', '--records', '600', '--db', db, '--workers', '1', '--instance-id', i, '--instance-count', '2', '--no-progress', '--no-metrics']).code).toBe(0);
    }
    const r = sluice(['status', '--db', `sqlite:${db}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sqlite:.*demo\.db\nprocessing_log: \d{3} succeeded, \d+ failed, 0 skipped\n/);
    expect(r.stdout).toMatch(/ {2}instance 0\/2: \d+ succeeded, \d+ failed, 0 skipped; last commit 20\d\d-/);
    expect(r.stdout).toMatch(/ {2}instance 1\/2: /);
    const json = JSON.parse(sluice(['status', '--db', `sqlite:${db}`, '--json']).stdout) as { log: { succeeded: number; failed: number } };
    expect(json.log.succeeded + json.log.failed).toBe(600);
  });
});
