import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource, SluiceSinkError, type Sink } from 'sluice';
import { PERSON_MAPPER, personXml, query, seedPeople } from '../helpers/people.js';

/** The SQLite sink, with the main thread's writes counted. */
function countingSink(file: string): Sink & { mainWrites: number } {
  const inner = sqliteSink({ file });
  const sink = {
    mainWrites: 0,
    name: inner.name,
    checkpoint: inner.checkpoint,
    open: (c) => inner.open(c),
    write: (b) => {
      sink.mainWrites++;
      return inner.write(b);
    },
    classify: (e) => inner.classify(e),
    checkpointed: (k, r) => inner.checkpointed(k, r),
    attempts: (k) => inner.attempts(k),
    close: () => inner.close(),
    inWorker: () => inner.inWorker?.(),
  } satisfies Sink & { mainWrites: number };
  return sink;
}

describe('a SQLite sink committed by the workers', () => {
  it('writes every row from the workers: the main thread commits nothing', async () => {
    const file = seedPeople(1000, (id) => personXml(id, id % 4));
    const sink = countingSink(file);
    const report = await pipeline({ source: sqliteSource({ file }), sink, mapper: PERSON_MAPPER, workers: 2, taskSize: 50 }).run();

    expect(sink.mainWrites).toBe(0);
    expect(report.counts).toMatchObject({ read: 1000, succeeded: 1000, failed: 0 });
    // A worker commits the tasks it has mapped together, at most one transaction per task.
    expect(report.counts.commits).toBeGreaterThanOrEqual(1);
    expect(report.counts.commits).toBeLessThanOrEqual(20);
    const phones = Array.from({ length: 1000 }, (_, i) => (i + 1) % 4).reduce((a, b) => a + b, 0);
    expect(report.counts.rows).toBe(1000 + phones);
    expect(query(file, 'SELECT count(*) n FROM person')[0]).toEqual({ n: 1000 });
    expect(query(file, 'SELECT count(*) n FROM phone')[0]).toEqual({ n: phones });
    expect(query(file, "SELECT count(*) n FROM processing_log WHERE status = 'succeeded'")[0]).toEqual({ n: 1000 });
  });

  it.each([
    [50, 20, 20],
    [100, 10, 20],
  ])('never puts more than batchSize records in a transaction (batchSize %i: %i to %i commits of 1000 records)', async (batchSize, least, most) => {
    const file = seedPeople(1000);
    const report = await pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 2, taskSize: 50, batchSize }).run();

    expect(report.counts.succeeded).toBe(1000);
    expect(report.counts.commits).toBeGreaterThanOrEqual(least);
    expect(report.counts.commits).toBeLessThanOrEqual(most);
    expect(query(file, 'SELECT count(*) n FROM processing_log')[0]).toEqual({ n: 1000 });
  });

  it('commits on the main thread when commitInWorkers is false', async () => {
    const file = seedPeople(300);
    const sink = countingSink(file);
    const report = await pipeline({ source: sqliteSource({ file }), sink, mapper: PERSON_MAPPER, workers: 2, batchSize: 100, commitInWorkers: false }).run();

    expect(sink.mainWrites).toBe(3);
    expect(report.counts).toMatchObject({ read: 300, succeeded: 300, commits: 3 });
    expect(query(file, 'SELECT count(*) n FROM person')[0]).toEqual({ n: 300 });
  });

  it('stops the run with SluiceSinkError when a worker cannot commit (missing table), committing nothing', async () => {
    const file = seedPeople(200);
    // The log exists (so the source can filter on it); the target tables do not.
    const logOnly = sqliteSink({ file });
    await logOnly.open({ tables: [], createTables: true, runId: 'setup', instanceId: 0, instanceCount: 1 });
    await logOnly.close();
    const run = pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 2, createTables: false }).run();

    await expect(run).rejects.toThrow(SluiceSinkError);
    await expect(run).rejects.toThrow(/commit failed: no such table: person \(committing in a worker thread\)$/);
    const tables = query<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table'").map((t) => t.name);
    expect(tables).toEqual(['app_xml', 'processing_log']);
    expect(query(file, 'SELECT count(*) n FROM processing_log')[0]).toEqual({ n: 0 });
  });
});
