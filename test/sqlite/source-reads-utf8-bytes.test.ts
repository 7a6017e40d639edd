import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource } from 'sluice';
import { PERSON_MAPPER, personXml, query, tempDir } from '../helpers/people.js';

function seed(encoding: 'UTF-8' | 'UTF-16le'): string {
  const file = join(tempDir(), `${encoding}.db`);
  const db = new Database(file);
  db.pragma(`encoding = '${encoding}'`);
  db.exec('CREATE TABLE app_xml (app_id INTEGER PRIMARY KEY, xml TEXT)');
  const ins = db.prepare('INSERT INTO app_xml VALUES (?, ?)');
  for (let i = 1; i <= 20; i++) ins.run(i, personXml(i).replace(`Person ${i}`, `Zoë ${i} 漢字`));
  db.close();
  return file;
}

describe('the SQLite source', () => {
  it('reads documents of a UTF-8 database as bytes, of a UTF-16 one as text, and both load the same rows', async () => {
    const files = { utf8: seed('UTF-8'), utf16: seed('UTF-16le') };
    for (const [name, file] of Object.entries(files)) {
      const source = sqliteSource({ file });
      const first = (await source.pages({ pageSize: 5, partition: {} })[Symbol.asyncIterator]().next()).value!;
      await source.close();
      expect(first[0]!.payload instanceof Uint8Array, name).toBe(name === 'utf8');
    }
    const loaded: unknown[] = [];
    for (const file of Object.values(files)) {
      const report = await pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 1 }).run();
      expect(report.counts).toMatchObject({ read: 20, succeeded: 20 });
      loaded.push(query(file, 'SELECT id, name FROM person ORDER BY id'));
    }
    expect(loaded[0]).toEqual(loaded[1]);
    expect((loaded[0] as { name: string }[])[6]).toEqual({ id: 7, name: 'Zoë 7 漢字' });
  });
});
