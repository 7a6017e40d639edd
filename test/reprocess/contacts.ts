import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadMappingFile, mappingVersion, pipeline, sqliteSink, sqliteSource, type MappingSpec, type PipelineOptions, type RunReport } from 'sluice';
import { seedPeople, tempDir } from '../helpers/people.js';

/**
 * A contact document with two places for phone numbers: the old mapping (V1) reads `Phones`
 * (always two) and `Name`; the fixed one (V2) reads `Contact` (0 to 3 of them) and `FullName`.
 * A reprocess with V2 must drop V1's rows, keep none twice, and add the new ones.
 */
export function contactXml(id: number): string {
  const old = [1, 2].map((i) => `<Phone>${id}-${i}</Phone>`).join('');
  const fixed = Array.from({ length: id % 4 }, (_, i) => `<Phone>+1 555 ${id} ${i}</Phone>`).join('');
  return `<Person id="${id}"><Name>P${id}</Name><FullName>Person number ${id}</FullName><Phones>${old}</Phones><Contact>${fixed}</Contact></Person>`;
}

const mapping = (name: string, phones: string, keyColumns = true) => `tables:
  person:
    from: .
${keyColumns ? '    keyColumn: id\n' : ''}    primaryKey: [id]
    columns:
      id: { type: integer, value: $key }
      name: { type: text, path: ${name} }
  phone:
    from: ${phones}
${keyColumns ? '    keyColumn: person_id\n' : ''}    columns:
      person_id: { type: integer, value: $key }
      seq: { type: integer, value: $index }
      number: { type: text, path: . }
`;

/** The mapping first used: names and phones from the wrong elements. */
export const V1 = mapping('Name', 'Phones/Phone');
/** The fixed mapping. */
export const V2 = mapping('FullName', 'Contact/Phone');
/** V1 without `keyColumn`: reprocess cannot know which rows are a record's. */
export const V1_NO_KEY_COLUMN = mapping('Name', 'Phones/Phone', false);

/** Writes a mapping to a file of its own and returns its path. */
export function mappingFile(text: string, name = 'mapping.yaml'): string {
  const file = join(tempDir('sluice-mapping-'), name);
  writeFileSync(file, text);
  return file;
}

/** The mapping as `--mapping FILE` loads it, and its version. */
export function loadMapping(text: string): { spec: MappingSpec; file: string; version: string } {
  const file = mappingFile(text);
  const spec = loadMappingFile(file);
  return { spec, file, version: mappingVersion({ mapper: spec }) };
}

/** A SQLite file with `app_xml` holding contacts 1..n. */
export function seedContacts(n: number): string {
  return seedPeople(n, contactXml);
}

/** A copy of a database file (the source, before anything was loaded into it). */
export function copyOf(file: string): string {
  const copy = join(tempDir(), 'copy.db');
  copyFileSync(file, copy);
  return copy;
}

/** Every row of the target tables, in a stable order: what "equal to a fresh load" compares. */
export function targetRows(file: string): { person: unknown[]; phone: unknown[] } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      person: db.prepare('SELECT id, name FROM person ORDER BY id').all(),
      phone: db.prepare('SELECT person_id, seq, number FROM phone ORDER BY person_id, seq, number').all(),
    };
  } finally {
    db.close();
  }
}

/** processing_log rows as `[key, status, attempts, mapping_version]`, by key. */
export function logRows(file: string): [number, string, number, string | null][] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT key, status, attempts, mapping_version FROM processing_log ORDER BY key').raw(true).all() as [number, string, number, string | null][];
  } finally {
    db.close();
  }
}

/** The run options a test may set besides source, sink and mapper; `where` is the source's. */
export type ContactsRun = Partial<Omit<PipelineOptions, 'source' | 'sink' | 'mapper'>> & { readonly where?: string };

/** Loads a contacts file's records into that same file with `mapper`, one worker. */
export function loadContacts(file: string, mapper: MappingSpec, options: ContactsRun = {}): Promise<RunReport> {
  const { where, ...run } = options;
  return pipeline({ source: sqliteSource({ file, ...(where && { where }) }), sink: sqliteSink({ file }), mapper, workers: 1, ...run }).run();
}
