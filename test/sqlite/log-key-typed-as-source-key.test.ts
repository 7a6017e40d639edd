import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource } from 'sluice';
import { PERSON_MAPPER, personXml, query, tempDir } from '../helpers/people.js';
import { fileURLToPath } from 'node:url';

const TEXT_MAPPER = fileURLToPath(new URL('../fixtures/xml-id-mapper.ts', import.meta.url));

function table(keyType: string, keys: readonly (number | string)[]): string {
  const file = join(tempDir(), 'typed.db');
  const db = new Database(file);
  db.exec(`CREATE TABLE app_xml (app_id ${keyType} PRIMARY KEY, xml TEXT)`);
  const ins = db.prepare('INSERT INTO app_xml VALUES (?, ?)');
  keys.forEach((k, i) => ins.run(k, personXml(i + 1)));
  db.close();
  return file;
}

const declared = (file: string) => query<{ type: string }>(file, "SELECT type FROM pragma_table_info('processing_log') WHERE name = 'key'")[0]?.type;
const load = (file: string, mapper: string) => pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper, workers: 1 }).run();

describe("processing_log.key in SQLite", () => {
  it('is INTEGER for an integer key, and holds integers (not 46.0)', async () => {
    const file = table('INTEGER', [45, 46, 47]);
    expect((await load(file, PERSON_MAPPER)).counts).toMatchObject({ succeeded: 3 });
    expect(declared(file)).toBe('INTEGER');
    expect(query(file, 'SELECT key, typeof(key) AS type FROM processing_log ORDER BY key')).toEqual([45, 46, 47].map((key) => ({ key, type: 'integer' })));
  });

  it('is TEXT for a text key: 007 stays 007, and a rerun finds it done', async () => {
    const file = table('VARCHAR(10)', ['007', '7', 'a1']);
    expect((await load(file, TEXT_MAPPER)).counts).toMatchObject({ succeeded: 3 });
    expect(declared(file)).toBe('TEXT');
    expect(query(file, 'SELECT key, typeof(key) AS type FROM processing_log ORDER BY key')).toEqual(['007', '7', 'a1'].map((key) => ({ key, type: 'text' })));
    expect((await load(file, TEXT_MAPPER)).counts.read).toBe(0);
  });
});
