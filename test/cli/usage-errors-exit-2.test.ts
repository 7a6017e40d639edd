import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, seedPeople, tempDir } from '../helpers/people.js';

const db = seedPeople(10);
const base = ['run', '--source', `sqlite:${db}`, '--sink', `sqlite:${db}`, '--mapper', PERSON_MAPPER, '--no-progress', '--no-metrics'];

/** The first stderr line, without commander's "(run with --help for usage)" hint. */
const firstLine = (stderr: string) => stderr.split('\n').filter((l) => l && !l.startsWith('(run with'))[0] ?? '';

describe('usage errors', () => {
  it.each([
    ['an invalid partition', [...base, '--instance-id', '3', '--instance-count', '3'], /--instance-id must be ≥ 0 and < --instance-count; got 3 and 3/],
    ['an instance id without a count', [...base, '--instance-id', '1'], /--instance-id and --instance-count go together/],
    ['an unknown flag', [...base, '--wrokers', '2'], /unknown option '--wrokers'/],
    ['a missing required flag', ['run', '--source', `sqlite:${db}`], /required option '--sink <url>' not specified/],
    ['a non-integer', [...base, '--batch-size', 'ten'], /--batch-size.*expected an integer from 1/],
    ['a missing mapper file', [...base.slice(0, 5), '--mapper', '/nope/mapper.ts'], /mapper not found: \/nope\/mapper.ts; check --mapper/],
    ['a missing source file', ['run', '--source', 'sqlite:/nope/x.db', '--sink', `sqlite:${join(tempDir(), 'o.db')}`, '--mapper', PERSON_MAPPER], /source database not found: \/nope\/x.db/],
    ['an unknown URL scheme', ['run', '--source', 'oracle://u:secret@h/x', '--sink', `sqlite:${db}`, '--mapper', PERSON_MAPPER], /--source oracle:\/\/u:\*\*\*@h\/x is not a database URL/],
    ['a bad log level', [...base, '--log-level', 'loud'], /--log-level must be one of/],
    ['a bad demo size', ['demo', '--size', 'huge'], /--size must be one of small, medium, large/],
  ])('%s exits 2 with a one-line message', (_what, args, message) => {
    const r = sluice(args);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toMatch(message);
    expect(r.stderr).not.toContain('secret');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
