import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoDatabase } from '../../src/demo/seed-demo-database.js';
import { runInChild, runTogether } from '../../bench/lib/child-runner.js';
import { defaultSettings } from '../../bench/lib/context.js';
import { aggregateRate, partitionShare } from '../../bench/experiments/instances.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-child-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a load in its own process', () => {
  const source = join(dir, 'source.db');
  seedDemoDatabase(source, 120, 'small');
  const settings = { ...defaultSettings(1), taskSize: 20, batchSize: 40 };

  it('runs the pipeline and reports its own peak RSS and RSS samples', async () => {
    const r = await runInChild({ kind: 'pipeline', label: 't', records: 100, settings, endpoint: { db: 'sqlite', sourceFile: source, sinkFile: join(dir, 'one.db') } });
    expect(r.records).toBe(100);
    expect(r.report?.counts.read).toBe(100);
    expect(r.peakRssMb).toBeGreaterThan(20);
    expect(r.rssSamples.length).toBeGreaterThan(0);
    expect(r.cpuMillis).toBeGreaterThan(0);
    if (process.platform === 'linux') expect(r.otherCores).toBeGreaterThanOrEqual(0);
  });

  it.each(['pipeline', 'loop'] as const)('shares a sink between %s instances on static partitions, each key once', async (kind) => {
    const sinkFile = join(dir, `shared-${kind}.db`);
    // Two processes that each switch a new file to WAL at the same instant can meet SQLITE_BUSY
    // (the switch takes no busy wait); a shared sink is prepared once, as an operator would.
    const prepared = new Database(sinkFile);
    prepared.pragma('journal_mode = WAL');
    prepared.close();
    const jobs = [0, 1].map((index) => ({
      kind,
      label: `i${index}`,
      records: partitionShare(120, index, 2),
      settings,
      partition: { index, count: 2 },
      endpoint: { db: 'sqlite' as const, sourceFile: source, sinkFile },
    }));
    const results = await runTogether(jobs);
    expect(results.map((r) => r.records)).toEqual([60, 60]);
    expect(results.map((r) => r.succeeded + r.failed)).toEqual([60, 60]);
    expect(aggregateRate(results).records).toBe(120);
    const log = new Database(sinkFile, { readonly: true });
    expect(log.prepare('SELECT count(*) n, count(DISTINCT key) d FROM processing_log').get()).toEqual({ n: 120, d: 120 });
    log.close();
  });

  it('reports a failing load with its error', async () => {
    await expect(
      runInChild({ kind: 'pipeline', label: 'bad', records: 10, settings, endpoint: { db: 'sqlite', sourceFile: join(dir, 'missing.db'), sinkFile: join(dir, 'x.db') } }),
    ).rejects.toThrow(/bad \(pipeline\) failed/);
  });
});

describe('partitionShare', () => {
  it('counts the keys 1..n of each residue', () => {
    expect([0, 1, 2].map((i) => partitionShare(10, i, 3))).toEqual([3, 4, 3]);
    expect(partitionShare(10, 0, 1)).toBe(10);
  });
});
