import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromArray, pipeline, sqliteSink, type MappedBatch, type RecordKey } from 'sluice';
import { mapPage } from '../../src/pipeline/map-page.js';
import type { WorkerPool } from '../../src/worker/worker-pool.js';
import type { WorkerTask } from '../../src/worker/worker-task.js';
import { query, tempDir } from '../helpers/people.js';

const MAPPER = fileURLToPath(new URL('../fixtures/crash-mapper.ts', import.meta.url));

describe('a worker that commits its own tasks and dies', () => {
  it('does not have the records it committed before dying written again', async () => {
    const page = [1, 2, 3, 4].map((key) => ({ key, payload: `<item>${key}</item>` }));
    const isolated: WorkerTask[] = [];
    const pool = {
      size: 1,
      run: () => Promise.reject(new Error('worker thread exited with code 1')),
      runIsolated: (task: WorkerTask) => {
        isolated.push(task);
        return Promise.resolve(mappedOne(task.keys[0]!));
      },
    } as unknown as WorkerPool;
    // The dead worker's transaction had committed records 1 and 3 (the log holds them).
    const committed = async (keys: readonly RecordKey[]) => new Set(keys.filter((k) => k === 1 || k === 3));
    const commit = { recipe: { adapter: 'sqlite' as const, options: { file: 'x.db' } }, context: {} as never, retry: {} as never, retryFailed: false, maxRecords: 1000 };

    const out = await mapPage(pool, { mapper: { path: MAPPER }, limits: {}, commit }, page, undefined, committed);

    expect(out[0]!.keys).toEqual([1, 3]);
    expect(out[0]!.committed!.entries.map((e) => e.status)).toEqual(['succeeded', 'succeeded']);
    // Only 2 and 4 are mapped again, in the quarantine, which never commits: the main thread does.
    expect(isolated.map((t) => t.keys[0])).toEqual([2, 4]);
    expect(isolated.every((t) => t.commit === undefined)).toBe(true);
    expect(out[1]!.keys).toEqual([2, 4]);
    expect(out[1]!.committed).toBeUndefined();
  });

  it('loses the crashed record only, and writes every other record once, on a real SQLite file', async () => {
    const file = join(tempDir(), 'out.db');
    const records = Array.from({ length: 80 }, (_, i) => ({ key: i + 1, payload: i + 1 === 33 ? '<item crash="exit">x</item>' : `<item>v${i + 1}</item>` }));
    const report = await pipeline({ source: fromArray(records), sink: sqliteSink({ file }), mapper: MAPPER, workers: 2, taskSize: 10 }).run();

    expect(report.counts).toMatchObject({ read: 80, succeeded: 79, failed: 1 });
    expect(query(file, 'SELECT count(*) n, count(DISTINCT id) d FROM item')[0]).toEqual({ n: 79, d: 79 });
    expect(query(file, "SELECT key FROM processing_log WHERE status = 'failed'")).toEqual([{ key: 33 }]);
    expect(query(file, 'SELECT count(*) n FROM processing_log')[0]).toEqual({ n: 80 });
  });
});

function mappedOne(key: RecordKey): MappedBatch {
  return {
    keys: [key],
    status: Uint8Array.of(0),
    messages: [null],
    rows: [{ values: [key, `v${key}`], ends: Int32Array.of(1) }],
    bytes: 8,
    stats: { threadId: 9, parseMicros: 1, mapMicros: 1, startedAt: 0, finishedAt: 0 },
  };
}
