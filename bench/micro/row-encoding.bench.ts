// Micro-benchmark: what crossing the thread boundary costs. Structured clone (what postMessage
// does) of a task of 100 medium documents and of the batch a worker posts back for it (rows packed), v8
// serialize and JSON for comparison, and real tinypool round trips through an echo worker.
//   node --import jiti/register bench/micro/row-encoding.bench.ts   (after npm run build)
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import Tinypool from 'tinypool';
import { mappedBatches, rowCount, task } from './fixtures.js';
import { runMicro } from './suite.js';

const hundred = task(100);
// What a worker posts back: its rows packed.
const { sent } = await mappedBatches(1);
const batch = sent[0]!;
const pool = new Tinypool({ filename: fileURLToPath(new URL('./echo-worker.mjs', import.meta.url)), minThreads: 1, maxThreads: 1 });
await pool.run(0);
const empty = { keys: [], payloads: [] };
const run = (value: unknown) => (d: { resolve(): void }) => void pool.run(value).then(() => d.resolve());

await runMicro(`crossing threads: a task of 100 medium docs, the batch it posts back (${rowCount([batch])} rows)`, [
  { name: 'structuredClone(task of 100 docs)', unit: 'doc', units: 100, fn: () => void structuredClone(hundred) },
  { name: 'structuredClone(posted batch of 100 docs)', unit: 'doc', units: 100, fn: () => void structuredClone(batch) },
  { name: 'v8 serialize+deserialize(posted batch)', unit: 'doc', units: 100, fn: () => void deserialize(serialize(batch)) },
  { name: 'JSON stringify+parse(posted batch)', unit: 'doc', units: 100, fn: () => void JSON.parse(JSON.stringify(batch)) },
  { name: 'tinypool round trip, empty task', unit: 'task', defer: true, fn: run(empty) },
  { name: 'tinypool round trip, task of 100 docs in and back', unit: 'doc', units: 100, defer: true, fn: run(hundred) },
  { name: 'tinypool round trip, posted batch in and back', unit: 'doc', units: 100, defer: true, fn: run(batch) },
]);
await pool.destroy();
