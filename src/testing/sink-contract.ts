import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import type { RecordKey, RecordStatus } from '../core/record.js';
import { column } from '../mapper/column.js';
import { toSchemas } from '../mapper/table.js';
import { createCommitBatch } from '../sink/commit-batch.js';
import { commitWithRetry } from '../sink/commit-with-retry.js';
import type { CheckpointEntry, CommitBatch, Sink, SinkContext } from '../sink/sink.js';
import { FAILED, SKIPPED, SUCCEEDED, type MappedBatch } from '../worker/mapped-batch.js';

/** The tables the contract writes (created through `open` with `createTables: true`). */
export const CONTRACT_TABLES = toSchemas({
  contract_person: { columns: { id: column.integer(), name: column.text({ maxLength: 40 }), born: column.date({ nullable: true }) }, primaryKey: ['id'], keyColumn: 'id' },
  contract_phone: { columns: { person_id: column.integer(), seq: column.integer(), number: column.text() }, primaryKey: ['person_id', 'seq'], keyColumn: 'person_id' },
});

/** What the contract needs from you: a fresh sink on your database, and a way to read a table back. */
export interface SinkContractTarget {
  /** A new, unopened sink; the contract opens and closes it. */
  sink(): Sink;
  /** Every row of a table (`contract_person`, `contract_phone`), values as the database returns them. */
  rows(table: string): Promise<Record<string, unknown>[]>;
}

/** One check of the contract; run each as a test of your runner. */
export interface SinkContractCase {
  readonly name: string;
  run(): Promise<void>;
}

type Spec = { key: number; status?: RecordStatus; attempts?: number; personId?: number };

/** A batch as the pipeline builds it: a person and two phones for each succeeded record. */
function batch(specs: readonly Spec[]): CommitBatch {
  const person: unknown[] = [];
  const phone: unknown[] = [];
  const ends = [new Int32Array(specs.length), new Int32Array(specs.length)];
  specs.forEach((s, i) => {
    if ((s.status ?? 'succeeded') === 'succeeded') {
      const id = s.personId ?? s.key;
      person.push(id, `Person ${s.key}`, '1980-01-02');
      phone.push(id, 1, `+1-555-${s.key}-1`, id, 2, `+1-555-${s.key}-2`);
    }
    ends[0]![i] = person.length / 3;
    ends[1]![i] = phone.length / 3;
  });
  const code = { succeeded: SUCCEEDED, failed: FAILED, skipped: SKIPPED };
  const mapped: MappedBatch = {
    keys: specs.map((s) => s.key),
    status: Uint8Array.from(specs.map((s) => code[s.status ?? 'succeeded'])),
    messages: specs.map((s) => (s.status && s.status !== 'succeeded' ? `${s.status} on purpose` : null)),
    rows: [{ values: person, ends: ends[0]! }, { values: phone, ends: ends[1]! }],
    bytes: 0,
    stats: { threadId: 0, parseMicros: 0, mapMicros: 0, startedAt: 0, finishedAt: 0 },
  };
  const now = Date.now();
  const entries: CheckpointEntry[] = specs.map((s) => ({ key: s.key, status: s.status ?? 'succeeded', error: s.status && s.status !== 'succeeded' ? `${s.status} on purpose` : null, attempts: s.attempts ?? 1, startedAt: now, finishedAt: now }));
  return createCommitBatch([{ batch: mapped, from: 0, to: specs.length }], entries, CONTRACT_TABLES);
}

const context: SinkContext = { tables: CONTRACT_TABLES, createTables: true, runId: 'sink-contract', instanceId: 0, instanceCount: 1 };

/** Person ids in [from, to] that the table holds, sorted. */
async function ids(target: SinkContractTarget, table: string, column: string, from: number, to: number): Promise<number[]> {
  const rows = await target.rows(table);
  return [...new Set(rows.map((r) => Number(r[column])).filter((id) => id >= from && id <= to))].sort((a, b) => a - b);
}

const sorted = (keys: Set<RecordKey>) => [...keys].map(Number).sort((a, b) => a - b);

/**
 * The contract every sink obeys, as the adapters of this package do: run each case as a test
 * against your own sink (cases use their own key ranges, so they can share one database).
 *
 * @example
 * ```ts
 * import { sinkContract } from 'sluice/testing';
 * for (const c of sinkContract({ sink: () => new MariaDbSink(pool), rows: (t) => pool.query(`SELECT * FROM ${t}`) })) it(c.name, c.run);
 * ```
 */
export function sinkContract(target: SinkContractTarget): SinkContractCase[] {
  const withSink = async (fn: (sink: Sink) => Promise<void>, open: SinkContext = context) => {
    const sink = target.sink();
    await sink.open(open);
    try {
      await fn(sink);
    } finally {
      await sink.close();
    }
  };
  return [
    {
      name: 'writes the rows and the log entries of a batch, in one transaction',
      run: () =>
        withSink(async (sink) => {
          await sink.write(batch([{ key: 1 }, { key: 2 }, { key: 3 }]));
          deepStrictEqual(await ids(target, 'contract_person', 'id', 1, 9), [1, 2, 3]);
          strictEqual((await target.rows('contract_phone')).filter((r) => Number(r.person_id) <= 9).length, 6);
          deepStrictEqual(sorted(await sink.checkpointed([1, 2, 3, 4], false)), [1, 2, 3]);
        }),
    },
    {
      name: 'logs failed and skipped records with no rows; failed ones count as not done when retrying failures',
      run: () =>
        withSink(async (sink) => {
          await sink.write(batch([{ key: 11, status: 'failed' }, { key: 12, status: 'skipped' }, { key: 13 }]));
          deepStrictEqual(await ids(target, 'contract_person', 'id', 10, 19), [13]);
          deepStrictEqual(sorted(await sink.checkpointed([11, 12, 13], false)), [11, 12, 13]);
          deepStrictEqual(sorted(await sink.checkpointed([11, 12, 13], true)), [12, 13]);
        }),
    },
    {
      name: 'a write that fails commits nothing of its batch, and a constraint violation is classified "record"',
      run: () =>
        withSink(async (sink) => {
          let thrown: unknown;
          await rejects(sink.write(batch([{ key: 21 }, { key: 22, personId: 21 }])), (e) => ((thrown = e), true));
          strictEqual(sink.classify(thrown), 'record');
          deepStrictEqual(await ids(target, 'contract_person', 'id', 20, 29), []);
          deepStrictEqual(sorted(await sink.checkpointed([21, 22], false)), []);
        }),
    },
    {
      name: 'reads back the attempts the log holds',
      run: () =>
        withSink(async (sink) => {
          await sink.write(batch([{ key: 31, attempts: 3, status: 'failed' }]));
          deepStrictEqual([...(await sink.attempts([31, 32])).entries()].map(([k, n]) => [Number(k), n]), [[31, 3]]);
        }),
    },
    {
      name: 'with the core, a record the database rejects fails alone and the rest of its batch commits',
      run: () =>
        withSink(async (sink) => {
          const outcome = await commitWithRetry(sink, batch([{ key: 41 }, { key: 42 }, { key: 43, personId: 41 }, { key: 44 }]), { maxAttempts: 2, baseDelayMillis: 1, maxDelayMillis: 2 });
          deepStrictEqual(outcome.entries.map((e) => [e.key, e.status]), [[41, 'succeeded'], [42, 'succeeded'], [43, 'failed'], [44, 'succeeded']]);
          ok(outcome.entries[2]!.error?.startsWith('record 43: the database rejected its rows: '), outcome.entries[2]!.error ?? '');
          deepStrictEqual(await ids(target, 'contract_person', 'id', 40, 49), [41, 42, 44]);
          deepStrictEqual(sorted(await sink.checkpointed([41, 42, 43, 44], false)), [41, 42, 43, 44]);
        }),
    },
    {
      name: 'a sink that replaces rows (replacesRows), opened to reprocess, replaces each record’s rows and entry in the write’s transaction',
      run: async () => {
        await withSink((sink) => sink.write(batch([{ key: 51 }, { key: 52 }, { key: 53 }])));
        await withSink(
          async (sink) => {
            // Declared by the sink, or the core never reprocesses through it (nothing more to check).
            if (!sink.replacesRows) return;
            await sink.write(batch([{ key: 51, attempts: 2 }, { key: 52, status: 'failed', attempts: 2 }]));
            deepStrictEqual(await ids(target, 'contract_person', 'id', 50, 59), [51, 53]);
            const phones = (await target.rows('contract_phone')).filter((r) => Number(r.person_id) === 51).map((r) => Number(r.seq)).sort();
            deepStrictEqual(phones, [1, 2]);
            deepStrictEqual(sorted(await sink.checkpointed([51, 52, 53], false, 'contract-v2')), [51, 52]);
            deepStrictEqual([...(await sink.attempts([51, 52, 53])).entries()].map(([k, n]) => [Number(k), n]).sort((a, b) => a[0]! - b[0]!), [[51, 2], [52, 2], [53, 1]]);
          },
          { ...context, reprocess: true, mappingVersion: 'contract-v2' },
        );
      },
    },
  ];
}
