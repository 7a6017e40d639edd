import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeline, postgresSink, postgresSource, postgresStatus, type MappingSpec } from 'sluice';
import { IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';
import { contactXml, loadMapping, V1, V2 } from './contacts.js';

const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;

describe.skipIf(skip)(`a processing_log made before mapping versions (PostgreSQL)${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  beforeAll(async () => {
    s = await pgScratch('reprocess_old_log');
    await s.seed(40, contactXml);
  });
  afterAll(async () => s?.drop());

  const load = (mapper: MappingSpec, reprocess?: 'stale') =>
    pipeline({
      source: postgresSource({ url: PG_URL!, table: `${s.schema}.app_xml` }),
      sink: postgresSink({ url: PG_URL!, schema: s.schema }),
      mapper,
      workers: 1,
      ...(reprocess && { reprocess }),
    }).run();

  it('gains the column when a run opens it; its entries count as an older version and reprocess --stale takes them', async () => {
    const v1 = loadMapping(V1);
    const v2 = loadMapping(V2);
    await load(v1.spec);
    await s.query('ALTER TABLE processing_log DROP COLUMN mapping_version'); // as an earlier release left it
    expect((await postgresStatus({ url: PG_URL!, schema: s.schema })).versions).toEqual([{ mappingVersion: null, succeeded: 40 }]);

    expect((await load(v2.spec, 'stale')).counts).toMatchObject({ read: 40, succeeded: 40 });
    expect((await load(v2.spec, 'stale')).counts.read).toBe(0);
    expect(await s.query('SELECT mapping_version, attempts, count(*)::int AS n FROM processing_log GROUP BY 1, 2')).toEqual([{ mapping_version: v2.version, attempts: 2, n: 40 }]);
    // V2's phones only: 0 + 1 + 2 + 3 every four records, none of V1's left.
    expect(await s.query("SELECT count(*)::int AS n, count(*) FILTER (WHERE number LIKE '+1 555 %')::int AS new FROM phone")).toEqual([{ n: 60, new: 60 }]);
    expect((await postgresStatus({ url: PG_URL!, schema: s.schema })).versions).toEqual([{ mappingVersion: v2.version, succeeded: 40 }]);
  });
});
