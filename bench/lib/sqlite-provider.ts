import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EndpointProvider } from './context.js';
import type { Endpoint } from './load-job.js';
import { cachedSource, removeDb, type DocSize } from './seed-cache.js';

/** Sources from the generated-data cache; each load writes a fresh sink file under `<runDir>/tmp`, deleted after it. */
export function sqliteProvider(cacheDir: string, runDir: string, size: DocSize, log: (m: string) => void): EndpointProvider {
  const tmp = join(runDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  let seq = 0;
  return {
    description: 'SQLite (better-sqlite3, WAL, synchronous=NORMAL): source = cached generated file, sink = a fresh file per load',
    async endpoint(label, records, shape = 'elements') {
      const sourceFile = cachedSource(cacheDir, size, records, log, shape);
      const sinkFile = join(tmp, `${label.replace(/[^\w.-]+/g, '_')}-${++seq}.db`);
      removeDb(sinkFile);
      return { db: 'sqlite', sourceFile, sinkFile };
    },
    async cleanup(endpoint: Endpoint) {
      if (endpoint.db === 'sqlite') removeDb(endpoint.sinkFile);
    },
    async inspectLog(endpoint: Endpoint) {
      if (endpoint.db !== 'sqlite') throw new Error('sqliteProvider: not a SQLite endpoint');
      const db = new Database(endpoint.sinkFile, { readonly: true });
      try {
        return db.prepare('SELECT count(*) AS entries, count(*) - count(DISTINCT "key") AS duplicates FROM processing_log').get() as {
          entries: number;
          duplicates: number;
        };
      } finally {
        db.close();
      }
    },
    instanceModes: [],
    async close() {},
  };
}
