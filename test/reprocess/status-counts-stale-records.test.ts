import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { loadMapping, seedContacts, V1, V2 } from './contacts.js';

const run = (db: string, ...flags: string[]) => sluice(['run', '--source', `sqlite:${db}`, '--sink', `sqlite:${db}`, '--no-progress', '--no-metrics', '--workers', '1', ...flags]);

describe('sluice status and mapping versions', () => {
  it('counts succeeded records per version and, given the mapping, those an older version loaded', () => {
    const v1 = loadMapping(V1);
    const v2 = loadMapping(V2);
    const db = seedContacts(50);
    expect(run(db, '--mapping', v1.file).code).toBe(0);
    expect(run(db, '--mapping', v2.file, '--reprocess', '--key-start', '1', '--key-end', '20').code).toBe(0);

    const text = sluice(['status', '--db', `sqlite:${db}`, '--mapping', v2.file]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n').slice(-3)).toEqual([
      `succeeded by mapping version: ${v1.version} 30, ${v2.version} (current) 20`,
      `30 succeeded records were loaded by an older mapping than the current one (${v2.version}); sluice run --reprocess --stale loads them again`,
      '',
    ]);
    const json = JSON.parse(sluice(['status', '--db', `sqlite:${db}`, '--mapping', v2.file, '--json']).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ mappingVersion: v2.version, stale: 30 });

    expect(run(db, '--mapping', v2.file, '--reprocess', '--stale').code).toBe(0);
    expect(sluice(['status', '--db', `sqlite:${db}`, '--mapping', v2.file]).stdout).toContain(`every succeeded record was loaded by the current mapping (${v2.version})`);
  });
});
