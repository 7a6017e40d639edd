import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentShape } from '../../src/demo/index.js';
import { seedDemoDatabase } from '../../src/demo/seed-demo-database.js';

export type DocSize = 'small' | 'medium' | 'large';

/**
 * A SQLite file with `app_xml` holding generated credit applications 1..n, n ≥ `records`, from
 * `<cacheDir>/<size>-<n>.db` (`attributes-<size>-<n>.db` for the attribute shape); generated once (the generator is deterministic per key, so the
 * first `records` keys of a larger file are the same data). Loads only read it: each writes
 * its rows and processing_log into a fresh sink file.
 */
export function cachedSource(cacheDir: string, size: DocSize, records: number, log: (msg: string) => void = () => {}, shape: DocumentShape = 'elements'): string {
  mkdirSync(cacheDir, { recursive: true });
  const prefix = shape === 'elements' ? '' : `${shape}-`;
  const existing = findCached(cacheDir, size, records, prefix);
  if (existing) return existing;
  const file = join(cacheDir, `${prefix}${size}-${records}.db`);
  const tmp = `${file}.partial`;
  removeDb(tmp);
  const t0 = Date.now();
  log(`generating ${records.toLocaleString('en-US')} ${size} ${shape}-shape documents into ${file} (once; cached)...`);
  seedDemoDatabase(tmp, records, size, shape);
  renameSync(tmp, file);
  log(`  generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

/** The smallest cached file of this size (and shape prefix) with at least `records` records. */
export function findCached(cacheDir: string, size: DocSize, records: number, prefix = ''): string | undefined {
  if (!existsSync(cacheDir)) return undefined;
  let best: { n: number; file: string } | undefined;
  for (const name of readdirSync(cacheDir)) {
    const m = /^(?:attributes-)?(small|medium|large)-(\d+)\.db$/.exec(name);
    if (!name.startsWith(`${prefix}${m?.[1] ?? ''}-`)) continue;
    if (!m || m[1] !== size) continue;
    const n = Number(m[2]);
    if (n >= records && (!best || n < best.n)) best = { n, file: join(cacheDir, name) };
  }
  return best?.file;
}

/** Deletes a SQLite file and its WAL and shared-memory files. */
export function removeDb(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}
