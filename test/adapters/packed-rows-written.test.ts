import { afterEach, describe, expect, it } from 'vitest';
import type { CheckpointEntry } from 'sluice';
import { createCommitBatch } from '../../src/sink/commit-batch.js';
import { fromWorker, type WorkerBatch } from '../../src/worker/mapped-batch.js';
import { RowCollector } from '../../src/worker/row-collector.js';
import { adapterCases, caseTitle, skipCase, type AdapterEnv } from './adapter-cases.js';
import { context, PERSON_TABLES, range } from './commit-batch.js';

const cases = await adapterCases();

/** Names of every kind a packed string holds: empty, Latin-1, beyond it (two code units and four). */
const NAMES = ['', 'Zoë', 'Łukasz 😀', 'Ann'];

/**
 * A batch as a worker thread sends it and the main thread receives it: rows packed, cloned, then
 * read through `fromWorker`. Record k has a person (NULL born for odd k) and k phones.
 */
function workerBatch(keys: readonly number[]) {
  const c = new RowCollector(PERSON_TABLES, keys.length);
  keys.forEach((key, i) => {
    c.begin(key);
    c.emit('person', { id: key, name: NAMES[key % NAMES.length], born: key % 2 ? null : '1980-01-02' });
    for (const seq of range(1, key)) c.emit('phone', { person_id: key, seq, number: seq % 3 ? `+1-555-${key}-${seq}` : '' });
    c.end(i, true);
  });
  const wire: WorkerBatch = structuredClone({
    keys: [...keys],
    status: new Uint8Array(keys.length),
    messages: keys.map(() => null),
    rows: c.packed(),
    bytes: c.bytes,
    stats: { threadId: 1, parseMicros: 0, mapMicros: 0, startedAt: 0, finishedAt: 0 },
  });
  return fromWorker(wire);
}

const entry = (key: number): CheckpointEntry => ({ key, status: 'succeeded', error: null, attempts: 1, startedAt: 0, finishedAt: 0 });

for (const c of cases) {
  describe.skipIf(skipCase(c))(`${caseTitle(c)}: rows packed by a worker`, () => {
    let env: AdapterEnv | undefined;
    afterEach(async () => env?.close());

    it('are written value for value, from a slice that starts inside the batch', async () => {
      env = await c.create();
      const sink = env.sink();
      await sink.open(context());
      const batch = workerBatch(range(1, 12));
      // Records 4..12 of the batch: 4 + ... + 12 = 72 phone rows, over two 32-row statements.
      await sink.write(createCommitBatch([{ batch, from: 3, to: 12 }], range(4, 12).map(entry), PERSON_TABLES));
      expect(await env.rows('SELECT id, name, CAST(born AS TEXT) AS born FROM person ORDER BY id')).toEqual(
        range(4, 12).map((id) => ({ id, name: NAMES[id % NAMES.length], born: id % 2 ? null : '1980-01-02' })),
      );
      const phones = await env.rows('SELECT person_id, seq, number FROM phone ORDER BY person_id, seq');
      expect(phones).toEqual(range(4, 12).flatMap((k) => range(1, k).map((seq) => ({ person_id: k, seq, number: seq % 3 ? `+1-555-${k}-${seq}` : '' }))));
      await sink.close();
    });
  });
}
