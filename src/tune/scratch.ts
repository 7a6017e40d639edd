import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgres, quoteIdent } from '../adapters/postgres/postgres-driver.js';
import type { ScratchSink } from './tune-job.js';

/** Where tune runs write: a fresh, empty sink per run, removed after it. Never the user's sink. */
export interface Scratch {
  /** For the report, e.g. "SQLite files under ./sluice-tune-…/scratch"; never holds a secret. */
  readonly description: string;
  /** A fresh, empty sink for run number `seq`. */
  sinkFor(seq: number): ScratchSink;
  /** Removes what a run wrote. */
  remove(sink: ScratchSink): Promise<void>;
  close(): Promise<void>;
}

function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/** A new SQLite file per run in `dir`, deleted after it. */
export function sqliteScratch(dir: string): Scratch {
  return {
    description: `SQLite, a new file per run in ${dir}`,
    sinkFor: (seq) => {
      const file = join(dir, `run-${seq}.db`);
      removeSqlite(file);
      return { kind: 'sqlite', file };
    },
    async remove(sink) {
      if (sink.kind === 'sqlite') removeSqlite(sink.file);
    },
    async close() {},
  };
}

/**
 * A new schema per run in the PostgreSQL database of `url` (`sluice_tune_<random>_<seq>`),
 * dropped with everything in it after the run: the database's other schemas are not touched.
 */
export function postgresScratch(url: string): Scratch {
  const prefix = `sluice_tune_${randomBytes(3).toString('hex')}`;
  const handle = openPostgres({ url }, { poolMax: 1 });
  return {
    description: `PostgreSQL ${handle.identity}, a new schema ${prefix}_N per run, dropped after it`,
    sinkFor: (seq) => ({ kind: 'postgres', url, schema: `${prefix}_${seq}` }),
    async remove(sink) {
      if (sink.kind === 'postgres') await handle.pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(sink.schema)} CASCADE`);
    },
    close: () => handle.close(),
  };
}
