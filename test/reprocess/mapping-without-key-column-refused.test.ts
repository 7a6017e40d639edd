import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER } from '../helpers/people.js';
import { loadMapping, logRows, seedContacts, targetRows, V1, V1_NO_KEY_COLUMN } from './contacts.js';

const run = (db: string, ...flags: string[]) => sluice(['run', '--source', `sqlite:${db}`, '--sink', `sqlite:${db}`, '--no-progress', '--no-metrics', '--workers', '1', ...flags]);

describe('reprocess without a key column', () => {
  it('is refused with exit 2 and one line saying what to add, before any row or log entry changes', () => {
    const db = seedContacts(5);
    expect(run(db, '--mapping', loadMapping(V1).file).code).toBe(0);
    const before = { rows: targetRows(db), log: logRows(db) };

    const r = run(db, '--reprocess', '--mapping', loadMapping(V1_NO_KEY_COLUMN).file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "sluice: reprocess deletes a record's previous rows by the column holding its key, and tables person, phone declare none: " +
        "add keyColumn (a column with value $key) to each table in the mapping file (sluice infer writes it), or keyColumn in the mapper's table definition\n",
    );
    expect({ rows: targetRows(db), log: logRows(db) }).toEqual(before);
  });

  it('is refused for a code mapper whose tables name no keyColumn', () => {
    const db = seedContacts(1);
    const r = run(db, '--reprocess', '--mapper', PERSON_MAPPER);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sluice: reprocess deletes .* tables person, phone declare none: add keyColumn .* or keyColumn in the mapper's table definition\n$/);
  });

  it('--stale goes with --reprocess', () => {
    const r = run(seedContacts(1), '--stale', '--mapping', loadMapping(V1).file);
    expect(r).toMatchObject({ code: 2, stderr: 'sluice: --stale goes with --reprocess: sluice run --reprocess --stale ...\n' });
  });
});
