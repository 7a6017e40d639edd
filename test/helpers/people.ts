import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const PERSON_MAPPER = fileURLToPath(new URL('../fixtures/person-mapper.ts', import.meta.url));

/** A person document; phones = number of Phone children. */
export function personXml(id: number, phones = 2): string {
  const ph = Array.from({ length: phones }, (_, i) => `<Phone>+1-555-${id}-${i}</Phone>`).join('');
  return `<Person id="${id}"><Name>Person ${id}</Name><Born>1980-01-${String((id % 28) + 1).padStart(2, '0')}</Born><Phones>${ph}</Phones></Person>`;
}

/** A fresh temp directory. */
export function tempDir(prefix = 'sluice-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Creates `app_xml(app_id, xml)` with `n` person documents (ids 1..n) and returns the file. */
export function seedPeople(n: number, make: (id: number) => string = (id) => personXml(id)): string {
  const file = join(tempDir(), 'people.db');
  const db = new Database(file);
  db.exec('CREATE TABLE app_xml (app_id INTEGER PRIMARY KEY, xml TEXT)');
  const ins = db.prepare('INSERT INTO app_xml VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= n; i++) ins.run(i, make(i));
  })();
  db.close();
  return file;
}

/** Runs a query on a database file and returns all rows. */
export function query<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
