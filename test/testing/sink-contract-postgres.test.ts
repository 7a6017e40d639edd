import { afterAll, beforeAll, describe, it } from 'vitest';
import { postgresSink } from 'sluice';
import { sinkContract } from 'sluice/testing';
import { IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';

const probe = await probePostgres();
const skip = !probe.ok && !IN_CI;

// The exported contract suite holds for the PostgreSQL adapter too (reprocessing included).
describe.skipIf(skip)(`sink contract: postgresSink${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  beforeAll(async () => {
    s = await pgScratch('sink_contract');
  });
  afterAll(async () => s?.drop());
  for (const c of sinkContract({ sink: () => postgresSink({ url: PG_URL!, schema: s.schema }), rows: (table) => s.query(`SELECT * FROM "${table}"`) })) {
    it(c.name, () => c.run());
  }
});
