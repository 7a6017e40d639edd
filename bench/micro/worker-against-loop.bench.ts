// Micro-benchmark: the worker's work per document against the hand-written loop's, on both
// document shapes, in this thread (no threads, no database): the loop's parse into a minimal
// tree and hand mapping (bench/loop/) against a whole worker task (decode, parse, map, convert,
// collect) of 100 documents run by the built dist/worker.js, and the structured clone that
// carries a task's result to the main thread (the pipeline's cost the loop does not have).
// Documents are UTF-8 bytes, as the SQLite source hands them over.
//   node --expose-gc --import jiti/register bench/micro/worker-against-loop.bench.ts   (after npm run build)
import { Buffer } from 'node:buffer';
import { generateApplication, type DocumentShape } from '../../src/demo/index.js';
import { parse, type MapFn } from '../loop/loop.js';
import { mapAttributes } from '../loop/map-attributes.js';
import { mapElements } from '../loop/map-elements.js';
import { loadWorkerModule, mapperPath, type WorkerBatch } from '../lib/sluice.js';
import { runMicro, type MicroCase } from './suite.js';

const N = 100;
const worker = await loadWorkerModule();
const LOOP_MAP: Record<DocumentShape, MapFn> = { elements: mapElements, attributes: mapAttributes };
const cases: MicroCase[] = [];
let sink = 0;
for (const shape of ['elements', 'attributes'] as const) {
  const keys = Array.from({ length: N }, (_, i) => i + 1);
  const payloads = keys.map((k) => Buffer.from(generateApplication(k, { size: 'medium', shape }).xml));
  const task = { mapper: { path: mapperPath(shape) }, keys, payloads, limits: {} };
  const result: WorkerBatch = await worker.default(task); // loads the mapper outside the timings
  const map = LOOP_MAP[shape];
  cases.push(
    {
      name: `hand-written loop: decode, parse, map (${shape})`,
      unit: 'doc',
      units: N,
      fn: () => {
        for (let i = 0; i < N; i++) {
          try {
            sink += map(parse(payloads[i]!.toString('utf8')), i + 1).length;
          } catch {
            // the generator's deliberately bad documents fail here as in the pipeline
          }
        }
      },
    },
    {
      name: `worker task: decode, parse, map, convert, collect (${shape})`,
      unit: 'doc',
      units: N,
      defer: true,
      fn: (d: { resolve(): void }) => void worker.default(task).then(() => d.resolve()),
    },
    { name: `structured clone of the task's result (${shape})`, unit: 'doc', units: N, fn: () => void structuredClone(result) },
  );
}
await runMicro('the worker against the hand-written loop, per document', cases);
if (sink < 0) console.log(sink);
