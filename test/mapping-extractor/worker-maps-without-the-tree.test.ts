import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import mapBatch from '../../src/worker/worker.js';
import { FAILED, SUCCEEDED } from '../../src/worker/mapped-batch.js';
import { unpackValues } from '../../src/worker/packed-rows.js';

const MAPPING = fileURLToPath(new URL('../fixtures/counting-mapping.ts', import.meta.url));
const calls = () => (globalThis as { sluiceCalls?: { extract: number; map: number } }).sluiceCalls!;

it('a worker maps a declarative mapping with its extractor, and only a failing record through the tree, for its error', async () => {
  const payloads = ['<r><I d="2026-01-02"/><I d="2026-01-03"/></r>', '<r><I d="2026-01-04"/><I d="2026-02-30"/></r>', '<r><I d="2026-01-05"/></r>'];
  const batch = await mapBatch({ mapper: { path: MAPPING }, keys: [1, 2, 3], payloads, limits: {} });
  expect(calls()).toEqual({ extract: 3, map: 1 });
  expect([...batch.status]).toEqual([SUCCEEDED, FAILED, SUCCEEDED]);
  // The failed record's first row, emitted before its bad value, is not kept.
  expect(unpackValues(batch.rows[0]!)).toEqual([1, 1, '2026-01-02', 1, 2, '2026-01-03', 3, 1, '2026-01-05']);
  expect([...batch.rows[0]!.ends]).toEqual([2, 2, 3]);
  expect(batch.messages[1]).toBe('record 2: SluiceConversionError: t.day: cannot convert "2026-02-30" at /r/I[2]/@d to a date (YYYY-MM-DD); fix the source value, or convert it in the mapper');
});
