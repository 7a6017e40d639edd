import { afterEach, describe, expect, it } from 'vitest';
import { pipeline, SluiceConfigError } from 'sluice';
import { PERSON_MAPPER } from '../helpers/people.js';
import { adapterCases, caseTitle, skipCase, type AdapterEnv, type SourceNames } from './adapter-cases.js';

const cases = await adapterCases();

const wrong: [string, SourceNames, string, RegExp][] = [
  ['a missing table', { table: 'app_xml_typo' }, 'table', /source table "(\w+\.)?app_xml_typo" does not exist in \w+:.*\(tables there: app_xml\); set table \(--table\)/],
  ['a missing key column', { keyColumn: 'id' }, 'keyColumn', /source table "(\w+\.)?app_xml" has no key column "id" \(its columns: app_id, xml\); set keyColumn \(--key\)/],
  ['a missing payload column', { payloadColumn: 'doc' }, 'payloadColumn', /has no payload column "doc" \(its columns: app_id, xml\); set payloadColumn \(--payload\)/],
  ['a where naming no column', { where: 'no_such_column = 1' }, 'where', /the source condition where \(--where\) "no_such_column = 1" is not valid on "(\w+\.)?app_xml" in \w+:.*no_such_column.*; fix the SQL condition/],
  ['a where that is not SQL', { where: 'xml IS NOT NULL AND AND' }, 'where', /where \(--where\) "xml IS NOT NULL AND AND" is not valid/],
];

for (const c of cases) {
  describe.skipIf(skipCase(c))(`${caseTitle(c)}: the source is checked before the sink creates anything`, () => {
    let env: AdapterEnv | undefined;
    afterEach(async () => env?.close());

    it.each(wrong)('%s fails run() with a SluiceConfigError naming it; no target table exists', async (_what, names, option, message) => {
      env = await c.create();
      await env.seed(3);
      const run = pipeline({ source: env.source(names), sink: env.sink(), mapper: PERSON_MAPPER, workers: 1 }).run();
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SluiceConfigError);
      expect((error as SluiceConfigError).option).toBe(option);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
      for (const table of ['processing_log', 'person', 'phone']) await expect(env.rows(`SELECT count(*) AS n FROM ${table}`)).rejects.toThrow();
    });

    it('a source that is right passes the check and loads', async () => {
      env = await c.create();
      await env.seed(3);
      const report = await pipeline({ source: env.source({ where: 'app_id > 1' }), sink: env.sink(), mapper: PERSON_MAPPER, workers: 1 }).run();
      expect(report.counts.succeeded).toBe(2);
      expect(await env.rows('SELECT count(*) AS n FROM processing_log')).toEqual([{ n: 2 }]);
    });
  });
}
