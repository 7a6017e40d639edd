import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteSource } from 'sluice';
import { tempDir } from '../helpers/people.js';

describe("a SQLite source's key kind", () => {
  it('is found for a schema-qualified table name as for a plain one', async () => {
    const file = join(tempDir(), 'kinds.db');
    const db = new Database(file);
    db.exec('CREATE TABLE app_xml (app_id TEXT, xml TEXT); CREATE TABLE app_int (app_id INTEGER, xml TEXT)');
    db.close();
    const kinds = [];
    for (const table of ['app_xml', 'main.app_xml', 'main.app_int', 'main.missing']) {
      const source = sqliteSource({ file, table });
      kinds.push(await source.keyKind!());
      await source.close();
    }
    expect(kinds).toEqual(['text', 'text', 'integer', undefined]);
  });
});
