import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, query, seedPeople, tempDir } from '../helpers/people.js';

describe('sluice run from a config file and the environment', () => {
  it('needs no flags: the file gives source, sink and mapper; SLUICE_LIMIT overrides the file', () => {
    const dir = tempDir();
    const db = seedPeople(20);
    writeFileSync(
      join(dir, 'sluice.config.json'),
      JSON.stringify({ source: `sqlite:${db}`, sink: `sqlite:${db}`, mapper: PERSON_MAPPER, workers: 1, limit: 5, metrics: false, progress: false }),
    );
    const r = sluice(['run'], { SLUICE_LIMIT: '12' }, dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(query(db, 'SELECT count(*) AS n FROM person')).toEqual([{ n: 12 }]);
  });
});
