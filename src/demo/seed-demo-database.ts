import { openSqlite } from '../adapters/sqlite/sqlite-driver.js';
import { generateApplication, type DocumentShape, type DocumentSize } from './credit-app-generator.js';

/** What `seedDemoDatabase` found or did. */
export type SeedResult = { readonly created: true; readonly records: number } | { readonly created: false; readonly records: number };

/**
 * Creates `app_xml(app_id, xml)` with generated credit applications 1..records, unless the
 * table exists already. The same record count, size and shape always give the same data.
 */
export function seedDemoDatabase(file: string, records: number, size: DocumentSize = 'medium', shape: DocumentShape = 'elements'): SeedResult {
  const db = openSqlite({ file }, 'write');
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_xml'").get();
    if (exists) {
      const n = (db.prepare('SELECT count(*) FROM app_xml').raw(true).get() as [number])[0];
      return { created: false, records: n };
    }
    db.exec('CREATE TABLE app_xml (app_id INTEGER PRIMARY KEY, xml TEXT)');
    const insert = db.prepare('INSERT INTO app_xml (app_id, xml) VALUES (?, ?)');
    const chunk = db.transaction((from: number, to: number) => {
      for (let id = from; id <= to; id++) insert.run(id, generateApplication(id, { size, shape }).xml);
    });
    for (let from = 1; from <= records; from += 5000) chunk(from, Math.min(records, from + 4999));
    return { created: true, records };
  } finally {
    db.close();
  }
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
