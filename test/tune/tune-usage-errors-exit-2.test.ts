import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, seedPeople, tempDir } from '../helpers/people.js';

describe('sluice tune usage errors', () => {
  it('exits 2 with a message naming the flag, before creating the output folder', () => {
    const source = `sqlite:${seedPeople(3)}`;
    const out = join(tempDir(), 'tune');
    const run = (...flags: string[]) => sluice(['tune', '--mapper', PERSON_MAPPER, '--out', out, ...flags]);
    expect(run('--source', source, '--knobs', 'batchsize')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown knob "batchsize"; choose from workers, queue-size, batch-size') });
    expect(run('--source', source, '--scratch', 'mysql://db/x')).toMatchObject({ code: 2, stderr: expect.stringContaining('--scratch mysql://db/x: use sqlite') });
    expect(run('--source', source, '--table', 'missing')).toMatchObject({ code: 2, stderr: expect.stringContaining('missing') });
    expect(run('--source', source, '--sink', 'sqlite:out.db')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--sink'") });
    expect(existsSync(out)).toBe(false);
  });
});
