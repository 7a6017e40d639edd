import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoDatabase } from '../../src/demo/seed-demo-database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('demo data generation', () => {
  it('reports the records written as it goes, and nothing when the data exists already', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-demo-progress-'));
    dirs.push(dir);
    const file = join(dir, 'demo.db');
    const seen: number[] = [];
    expect(seedDemoDatabase(file, 2500, 'small', 'elements', (n) => seen.push(n))).toEqual({ created: true, records: 2500 });
    expect(seen).toEqual([0, 1000, 2000, 2500]);
    const again: number[] = [];
    expect(seedDemoDatabase(file, 2500, 'small', 'elements', (n) => again.push(n))).toEqual({ created: false, records: 2500 });
    expect(again).toEqual([]);
  });
});
