import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, vi } from 'vitest';
import type { CommitBatch } from 'sluice';
import { joinBatches, personBatch, range } from '../adapters/commit-batch.js';

/**
 * A fresh SQLite file for each test, and every slice of a batch "taking 10 ms" (performance.now
 * stubbed): the SQLite sink gives the event loop a turn before each next slice. Returns the file.
 */
export function slowSlices(prefix: string): () => string {
  const dirs: string[] = [];
  let file = '';
  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    file = join(dir, 'out.db');
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 10));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  return () => file;
}

/** Three workers' tasks of ten records from `first` on: three slices. */
export const threeSlices = (first = 1): CommitBatch => joinBatches([0, 10, 20].map((at) => personBatch(range(first + at, first + at + 9).map((key) => ({ key })))));

/** Rows of a table, counted by a connection of its own (it sees committed rows only). */
export function countRows(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
