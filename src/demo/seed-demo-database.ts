import { openSqlite } from '../adapters/sqlite/sqlite-driver.js';
import { generateApplication, type DocumentShape, type DocumentSize } from './credit-app-generator.js';

/** What `seedDemoDatabase` found or did. */
export type SeedResult = { readonly created: true; readonly records: number } | { readonly created: false; readonly records: number };

/** Generating the demo data failed (a full disk, a file that cannot be written); nothing of it was kept. */
export class DemoDataError extends Error {
  override name = 'DemoDataError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Where records are generated before they become `app_xml`. */
const BUILDING = 'app_xml_generating';
/** Records a transaction: a failed generation stops within one chunk of where the disk filled. */
const CHUNK = 1000;

/**
 * Creates `app_xml(app_id, xml)` with generated credit applications 1..records, unless the
 * table exists already. The same record count, size and shape always give the same data. The records
 * are written into a table of their own, renamed `app_xml` once all are there: a generation that
 * fails (a full disk) or is killed leaves no `app_xml`, and the next run generates again rather
 * than load a partial table. A failure throws a DemoDataError saying what happened and what to do.
 */
export function seedDemoDatabase(
  file: string,
  records: number,
  size: DocumentSize = 'medium',
  shape: DocumentShape = 'elements',
  /** Called with the records written so far: 0 when generation starts (not when the table exists), then after each chunk. */
  onProgress?: (written: number) => void,
): SeedResult {
  let written = 0;
  const db = openSqlite({ file }, 'write');
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_xml'").get();
    if (exists) {
      const n = (db.prepare('SELECT count(*) FROM app_xml').raw(true).get() as [number])[0];
      return { created: false, records: n };
    }
    db.exec(`DROP TABLE IF EXISTS ${BUILDING}`);
    db.exec(`CREATE TABLE ${BUILDING} (app_id INTEGER PRIMARY KEY, xml TEXT)`);
    const insert = db.prepare(`INSERT INTO ${BUILDING} (app_id, xml) VALUES (?, ?)`);
    onProgress?.(0);
    const chunk = db.transaction((from: number, to: number) => {
      for (let id = from; id <= to; id++) insert.run(id, generateApplication(id, { size, shape }).xml);
    });
    for (let from = 1; from <= records; from += CHUNK) {
      const to = Math.min(records, from + CHUNK - 1);
      chunk(from, to);
      written = to;
      onProgress?.(written);
    }
    db.exec(`ALTER TABLE ${BUILDING} RENAME TO app_xml`);
    return { created: true, records };
  } catch (error) {
    try {
      db.exec(`DROP TABLE IF EXISTS ${BUILDING}`);
    } catch {
      // A disk still full may refuse even this; the next run drops the table before it starts.
    }
    throw generationError(file, records, written, error);
  } finally {
    db.close();
  }
}

function generationError(file: string, records: number, written: number, error: unknown): DemoDataError {
  const code = (error as { code?: unknown })?.code;
  const reason = `${(error as Error)?.message ?? String(error)}${typeof code === 'string' ? ` (${code})` : ''}`;
  const n = (x: number) => x.toLocaleString('en-US');
  return new DemoDataError(
    `generating ${n(records)} demo records into ${file} failed after ${n(written)}: ${reason}. Nothing was kept (app_xml is created only once every record is written). ` +
      'Free disk space, or choose another --db or fewer --records, and run the demo again.',
    { cause: error },
  );
}

/** Number of entries in the demo database's processing_log (0 if it does not exist yet). */
export function countCheckpointed(file: string): number {
  const db = openSqlite({ file }, 'write');
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'processing_log'").get();
    return exists ? (db.prepare('SELECT count(*) FROM processing_log').raw(true).get() as [number])[0] : 0;
  } finally {
    db.close();
  }
}
