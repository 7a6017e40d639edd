import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, tempDir } from '../helpers/people.js';
import { countOf, IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';

const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;

describe.skipIf(skip)(`a 100 MB document in PostgreSQL${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  beforeAll(async () => {
    s = await pgScratch('huge_doc');
    await s.seed(200);
    // Built by the server (and stored compressed): this test process never holds the document.
    await s.query("UPDATE app_xml SET xml = '<Person><Name>' || repeat('A', 100 * 1000 * 1000) || '</Name></Person>' WHERE app_id = 100");
  });
  afterAll(async () => s?.drop());

  it('fails its record by the size the server reports, without fetching it; memory stays small', async () => {
    const report = join(tempDir(), 'report.json');
    const url = `${PG_URL}?schema=${s.schema}`;
    const r = sluice(['run', '--source', url, '--sink', url, '--mapper', PERSON_MAPPER, '--workers', '1', '--no-progress', '--metrics-out', report]);
    expect(r.code, r.stderr).toBe(0);
    expect(await s.query("SELECT key::int, status, error FROM processing_log WHERE status <> 'succeeded'")).toEqual([
      {
        key: 100,
        status: 'failed',
        error: 'record 100: XmlLimitError: document is 100000030 bytes, over the maxDocumentBytes limit of 16777216; raise parse.maxDocumentBytes (--max-document-bytes) if such documents are expected',
      },
    ]);
    expect(await countOf(s, "SELECT count(*) n FROM processing_log WHERE status = 'succeeded'")).toBe(199);
    const { counts, memory } = JSON.parse(readFileSync(report, 'utf8')) as { counts: { succeeded: number; failed: number }; memory: { peakRssMb: number } };
    expect(counts).toMatchObject({ succeeded: 199, failed: 1 });
    expect(memory.peakRssMb).toBeLessThan(200); // fetching the document alone takes 100 MB, and its string as much again
  });
});
