import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeline, postgresSink, postgresSource, type MappingSpec } from 'sluice';
import { IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';
import { contactXml, loadMapping, V1, V2 } from './contacts.js';

const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;

describe.skipIf(skip)(`reprocess on PostgreSQL${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  let fresh: PgScratch;
  beforeAll(async () => {
    [s, fresh] = await Promise.all([pgScratch('reprocess'), pgScratch('reprocess_fresh')]);
    await Promise.all([s.seed(300, contactXml), fresh.seed(300, contactXml)]);
  });
  afterAll(async () => Promise.all([s?.drop(), fresh?.drop()]));

  const load = (db: PgScratch, mapper: MappingSpec, reprocess?: 'all') =>
    pipeline({
      source: postgresSource({ url: PG_URL!, table: `${db.schema}.app_xml` }),
      sink: postgresSink({ url: PG_URL!, schema: db.schema }),
      mapper,
      workers: 1,
      batchSize: 40,
      ...(reprocess && { reprocess }),
    }).run();
  const rows = async (db: PgScratch) => ({
    person: await db.query('SELECT id, name FROM person ORDER BY id'),
    phone: await db.query('SELECT person_id, seq, number FROM phone ORDER BY person_id, seq, number'),
  });

  it('leaves every table equal to a fresh load with the new mapping, and the log on the new version with attempts + 1', async () => {
    const v1 = loadMapping(V1);
    const v2 = loadMapping(V2);
    await load(s, v1.spec);
    expect((await rows(s)).phone).toHaveLength(600);
    const report = await load(s, v2.spec, 'all');
    expect(report.counts).toMatchObject({ read: 300, succeeded: 300, failed: 0 });
    await load(fresh, v2.spec);
    const expected = await rows(fresh);
    expect(expected.phone).toHaveLength(450);
    expect(await rows(s)).toEqual(expected);
    expect(await s.query('SELECT mapping_version, attempts, count(*)::int AS n FROM processing_log GROUP BY 1, 2')).toEqual([
      { mapping_version: v2.version, attempts: 2, n: 300 },
    ]);
  });
});
