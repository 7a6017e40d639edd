// Micro-benchmark: the worker's work per document, split. parseXml on generated small, medium
// and large credit applications; the example mapper's queries on a parsed medium document (with
// a context that keeps nothing); and a whole worker task (parse, map, convert, collect) of 100
// medium documents, run by the built dist/worker.js in this thread.
//   node --import jiti/register bench/micro/parse-map.bench.ts   (after npm run build)
import { pathToFileURL } from 'node:url';
import { documents, task } from './fixtures.js';
import { runMicro } from './suite.js';
import { loadWorkerModule, MAPPER_PATH, parseXml } from '../lib/sluice.js';

interface CreditMapper {
  map(doc: ReturnType<typeof parseXml>, ctx: { key: number; emit(table: string, row: Record<string, unknown>): void; skip(reason?: string): never }): void;
}

const docs = { small: documents(1, 'small').payloads[0]!, medium: documents(1, 'medium').payloads[0]!, large: documents(1, 'large').payloads[0]! };
const mapper = ((await import(pathToFileURL(MAPPER_PATH).href)) as { default: CreditMapper }).default;
const parsed = parseXml(docs.medium);
const worker = await loadWorkerModule();
const hundred = task(100, 'medium', 1000);
await worker.default(hundred); // loads the mapper once, outside the timings

let rows = 0;
const ctx = {
  key: 1,
  emit() {
    rows++;
  },
  skip(): never {
    throw new Error('skip');
  },
};
const kb = (s: string) => `${(Buffer.byteLength(s) / 1024).toFixed(1)} KB`;

await runMicro('parse and map, per document', [
  { name: `parseXml small (${kb(docs.small)})`, unit: 'doc', fn: () => void parseXml(docs.small) },
  { name: `parseXml medium (${kb(docs.medium)})`, unit: 'doc', fn: () => void parseXml(docs.medium) },
  { name: `parseXml large (${kb(docs.large)})`, unit: 'doc', fn: () => void parseXml(docs.large) },
  { name: 'map a parsed medium doc (queries only, no conversion)', unit: 'doc', fn: () => mapper.map(parsed, ctx) },
  {
    name: 'worker task: parse+map+convert 100 medium docs',
    unit: 'doc',
    units: 100,
    defer: true,
    fn: (d: { resolve(): void }) => void worker.default(hundred).then(() => d.resolve()),
  },
]);
if (rows < 0) console.log(rows);
