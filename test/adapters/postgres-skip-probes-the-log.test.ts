import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSink, postgresSource } from 'sluice';
import { IN_CI, PG_URL, pgScratch, probePostgres, type PgScratch } from '../helpers/postgres.js';
import { context, personBatch, range } from './commit-batch.js';

const probe = await probePostgres();
const LOGGED = 2000;
const PAGE = 50;

/** Every plan node of an EXPLAIN (FORMAT JSON) tree. */
function* nodesOf(node: Record<string, unknown>): Generator<Record<string, unknown>> {
  yield node;
  for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) yield* nodesOf(child);
}

// A resumed read pushes "not in the log" into each page query. Past the first page that condition
// sits in an OR (the last key's rows come again), where PostgreSQL hashed the whole log once per
// query unless kept from it: a page of 50 records read every entry logged so far.
describe.skipIf(!probe.ok && !IN_CI)(`a PostgreSQL source reading past logged records${probe.ok ? '' : ` (skipped: ${probe.reason})`}`, () => {
  let s: PgScratch;
  beforeAll(async () => {
    if (!probe.ok) throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
    s = await pgScratch('skip_probe');
  });
  afterAll(async () => s?.drop());

  it('probes the log for the rows of each page instead of reading all of it', async () => {
    await s.seed(LOGGED + 5 * PAGE);
    const sink = postgresSink({ url: PG_URL!, schema: s.schema });
    await sink.open(context());
    await sink.write(personBatch(range(1, LOGGED).map((key) => ({ key }))));
    await s.query(`ANALYZE processing_log`);

    // The source on a pool that keeps each page query, to be explained on the same data.
    const pool = new pg.Pool({ connectionString: PG_URL, max: 2 });
    pool.on('error', () => {});
    const queries: { text: string; values: unknown[] }[] = [];
    const recording = {
      connect: () => pool.connect(),
      end: () => pool.end(),
      on: (event: 'error', listener: (error: Error) => void) => pool.on(event, listener),
      query: (q: { text: string; values?: unknown[] } | string) => {
        if (typeof q !== 'string' && / LIMIT \$\d+$/.test(q.text)) queries.push({ text: q.text, values: q.values ?? [] });
        return pool.query(q as pg.QueryConfig) as never;
      },
    };
    const source = postgresSource({ pool: recording, identity: sink.checkpoint.database, table: `${s.schema}.app_xml` });
    const keys: number[] = [];
    for await (const page of source.pages({ pageSize: PAGE, partition: {}, skip: { log: sink.checkpoint, retryFailed: false } })) keys.push(...page.map((r) => r.key as number));
    expect(keys).toEqual(range(LOGGED + 1, LOGGED + 5 * PAGE));

    const next = queries.filter((q) => q.values[0] !== null);
    expect(next.length).toBeGreaterThanOrEqual(4);
    for (const q of next) {
      const [explained] = await s.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.text}`, q.values);
      const plan = (explained!['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan;
      const logReads = [...nodesOf(plan)].filter((n) => n['Relation Name'] === 'processing_log');
      expect(logReads.length).toBeGreaterThan(0);
      // An index probe per row of the page (none of these keys is logged), never a scan of the log.
      for (const n of logReads) {
        expect(n['Node Type']).toMatch(/^Index (Only )?Scan$/);
        expect(Number(n['Actual Rows']) * Number(n['Actual Loops'])).toBeLessThanOrEqual(PAGE);
      }
    }
    await Promise.all([source.close(), sink.close(), pool.end()]);
  });
});
