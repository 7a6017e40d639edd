import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, personXml, query, tempDir } from '../helpers/people.js';

describe('a 200 MB document', () => {
  it('fails its record with a clear error without ever being loaded; memory stays small', () => {
    const dir = tempDir();
    const file = join(dir, 'big.db');
    const db = new Database(file);
    db.exec('CREATE TABLE app_xml (app_id INTEGER PRIMARY KEY, xml TEXT)');
    const insert = db.prepare('INSERT INTO app_xml VALUES (?, ?)');
    for (let id = 1; id <= 200; id++) if (id !== 100) insert.run(id, personXml(id));
    // Built inside SQLite, so this test process never holds the 200 MB either.
    db.prepare("INSERT INTO app_xml VALUES (100, '<Person><Name>' || hex(zeroblob(100 * 1000 * 1000)) || '</Name></Person>')").run();
    db.close();

    const report = join(dir, 'report.json');
    const r = sluice(['run', '--source', `sqlite:${file}`, '--sink', `sqlite:${file}`, '--mapper', PERSON_MAPPER, '--workers', '1', '--no-progress', '--metrics-out', report]);
    expect(r.code).toBe(0);
    const [entry] = query<{ status: string; error: string }>(file, 'SELECT status, error FROM processing_log WHERE key = 100');
    expect(entry).toEqual({
      status: 'failed',
      error: 'record 100: XmlLimitError: document is 200000030 bytes, over the maxDocumentBytes limit of 16777216; raise parse.maxDocumentBytes (--max-document-bytes) if such documents are expected',
    });
    expect(query(file, "SELECT count(*) n FROM processing_log WHERE status = 'succeeded'")[0]).toEqual({ n: 199 });
    const { memory } = JSON.parse(readFileSync(report, 'utf8')) as { memory: { peakRssMb: number } };
    expect(memory.peakRssMb).toBeLessThan(200); // reading the document alone would take 200 MB
  });
});
