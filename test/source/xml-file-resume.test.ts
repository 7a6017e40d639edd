import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromXmlFile, pipeline, sqliteSink } from 'sluice';
import { PERSON_MAPPER, personXml, query, tempDir } from '../helpers/people.js';

const N = 1000;

describe('fromXmlFile, resumed', () => {
  const dir = tempDir();
  const file = join(dir, 'people.xml');
  const db = join(dir, 'out.db');
  writeFileSync(file, `<People>\n${Array.from({ length: N }, (_, i) => personXml(i + 1)).join('\n')}\n</People>\n`);
  const run = (limit?: number) =>
    pipeline({ source: fromXmlFile(file, { element: 'Person', keyAttribute: 'id' }), sink: sqliteSink({ file: db }), mapper: PERSON_MAPPER, workers: 1, batchSize: 100, ...(limit !== undefined && { limit }) }).run();

  it('sends only the records not done yet through parse and commit, and counts only those as read', async () => {
    const first = await run(400);
    expect(first.counts).toMatchObject({ read: 400, succeeded: 400 });

    const second = await run();
    expect(second.counts).toMatchObject({ read: N - 400, succeeded: N - 400, failed: 0, rows: 3 * (N - 400) });
    expect(second.counts.commits).toBeLessThanOrEqual(Math.ceil((N - 400) / 100) + 1);
    expect(query(db, 'SELECT count(*) AS n, count(DISTINCT id) AS d FROM person')).toEqual([{ n: N, d: N }]);

    const third = await run();
    expect(third.counts).toMatchObject({ read: 0, succeeded: 0, failed: 0, rows: 0, commits: 0 });
    expect(query(db, "SELECT count(*) AS n FROM processing_log WHERE status = 'succeeded'")).toEqual([{ n: N }]);
  });
});
