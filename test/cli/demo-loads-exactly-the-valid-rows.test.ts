import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateApplication } from '../../src/demo/index.js';
import { sluice } from '../helpers/cli.js';
import { query, tempDir } from '../helpers/people.js';

const N = 20_000;
const TABLES = ['app_base', 'app_contact', 'app_address', 'app_employment', 'app_tradeline'] as const;

describe('sluice demo --records 20000', () => {
  it('logs every app_id once and writes exactly the rows of the succeeded records', () => {
    const db = join(tempDir(), 'demo.db');
    const run = sluice(['demo', '--records', String(N), '--db', db, '--workers', '2', '--no-progress', '--no-metrics']);
    expect(run.stderr).not.toMatch(/Error:|TypeError/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Generated 20,000 credit applications');
    expect(run.stdout).toMatch(/Records read:\s+20,000/);

    const log = query<{ key: number; status: string; error: string | null }>(db, 'SELECT key, status, error FROM processing_log');
    expect(log).toHaveLength(N);
    expect(new Set(log.map((e) => e.key)).size).toBe(N);

    // The generator's own model of each record is the independent reading of the XML.
    const status = new Map(log.map((e) => [e.key, e]));
    const expected = new Map<string, string[]>(TABLES.map((t) => [t, []]));
    let valid = 0;
    for (let id = 1; id <= N; id++) {
      const app = generateApplication(id);
      const entry = status.get(id)!;
      if (app.kind === 'valid') {
        valid++;
        expect(entry.status, `record ${id}`).toBe('succeeded');
        for (const t of TABLES) for (const row of app.expected[t]) expected.get(t)!.push(JSON.stringify(row));
      } else {
        expect(entry.status, `record ${id} (${app.kind})`).toBe('failed');
        expect(entry.error).toMatch(new RegExp(`^record ${id}: `));
      }
    }
    expect(valid).toBeGreaterThan(N * 0.97);
    for (const t of TABLES) {
      const cols = Object.keys(JSON.parse(expected.get(t)![0]!) as object);
      const actual = query(db, `SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM ${t}`).map((r) => JSON.stringify(r));
      expect(actual.length, t).toBe(expected.get(t)!.length);
      expect(new Set(actual), t).toEqual(new Set(expected.get(t)));
    }
  });
});
