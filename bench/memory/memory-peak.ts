/**
 * Peak RSS of a load by document size and element count, each kind in a process of its own:
 *
 *   npm run build && node --expose-gc --import jiti/register bench/memory/memory-peak.ts [--budgets 16777216,Infinity] [--workers 2] [--kinds 0,1,6]
 *
 * Eight kinds of document (1 KB, 1 MB and 15 MB; few elements: one big text, or many: `<e/>`
 * repeated, 4 bytes an element; and the costliest that parse.maxElements lets through: documents
 * of 150,000 `<e/>` (0.6 MB) or of 150,000 `<Phone type="home">+1-555-0100</Phone>` elements
 * (6.2 MB, two of which fit in the default budget at once)), generated on the fly (the generator holds one document), into
 * a sink that keeps nothing, so the figure is the pipeline's: documents in flight and the trees
 * the workers build. Prints a Markdown table (docs/memory.md has the last one). The mapper is bench/memory/memory-mapper.mjs.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface Kind {
  readonly name: string;
  readonly bytes: number;
  readonly many: boolean;
  readonly records: number;
  /** As many elements as the default parse.maxElements allows: `<e/>` (103 B each in a tree) or the costliest, Phone (231 B). */
  readonly atLimit?: string;
}

/** The default parse.maxElements, the root included. */
const MAX_ELEMENTS = 150_000;
const PHONE = '\n  <Phone type="home">+1-555-0100</Phone>';

const KB = 1024;
const MB = 1024 * KB;
const KINDS: readonly Kind[] = [
  { name: '1 KB, few elements', bytes: KB, many: false, records: 20_000 },
  { name: '1 KB, many elements', bytes: KB, many: true, records: 20_000 },
  { name: '1 MB, few elements', bytes: MB, many: false, records: 60 },
  { name: '1 MB, many elements', bytes: MB, many: true, records: 60 },
  { name: '15 MB, few elements', bytes: 15 * MB, many: false, records: 6 },
  { name: '15 MB, many elements', bytes: 15 * MB, many: true, records: 6 },
  { name: '0.6 MB, `<e/>` at the element limit', bytes: 0, many: true, records: 60, atLimit: '<e/>' },
  { name: '6.2 MB, Phone at the element limit', bytes: 0, many: true, records: 10, atLimit: PHONE },
];

/** A document of about `bytes` characters: `<e/>` repeated (many) or one text (few). */
export function documentOf(id: number, kind: Pick<Kind, 'bytes' | 'many' | 'atLimit'>): string {
  const head = `<Doc id="${id}">`;
  if (kind.atLimit) return `${head}${kind.atLimit.repeat(MAX_ELEMENTS - 1)}</Doc>`;
  const room = kind.bytes - head.length - 6;
  return kind.many ? `${head}${'<e/>'.repeat(Math.floor(room / 4))}</Doc>` : `${head}<t>${'x'.repeat(room - 7)}</t></Doc>`;
}

/** Runs one kind in this process and prints its figures as JSON. */
async function child(kind: Kind, budget: number, workers: number): Promise<void> {
  const { fromIterable, pipeline } = await import('../../dist/index.js');
  async function* records() {
    for (let id = 1; id <= kind.records; id++) yield { key: id, payload: documentOf(id, kind) };
  }
  const sink = {
    name: 'discard',
    checkpoint: { kind: 'discard', database: 'none', table: 'none' },
    open: () => Promise.resolve(),
    write: () => Promise.resolve(),
    classify: () => 'fatal' as const,
    checkpointed: () => Promise.resolve(new Set<number | string>()),
    attempts: () => Promise.resolve(new Map<number | string, number>()),
    close: () => Promise.resolve(),
  };
  const mapper = fileURLToPath(new URL('./memory-mapper.mjs', import.meta.url));
  const t0 = performance.now();
  const report = await pipeline({ source: fromIterable(records()), sink, mapper, workers, maxBytesInFlight: budget, parse: { maxDocumentBytes: 16 * MB } }).run();
  // The root and the elements in it, as documentOf(1) writes them.
  const elements = kind.atLimit ? MAX_ELEMENTS : kind.many ? Math.floor((kind.bytes - 18) / 4) + 1 : 2;
  process.stdout.write(
    JSON.stringify({ succeeded: report.counts.succeeded, failed: report.counts.failed, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), maxBytes: report.queue.maxBytes, maxDepth: report.queue.maxDepth, seconds: (performance.now() - t0) / 1000, elements }),
  );
}

function main(): void {
  const { values } = parseArgs({ options: { budgets: { type: 'string' }, workers: { type: 'string' }, child: { type: 'string' }, kinds: { type: 'string' } } });
  const workers = Number(values.workers ?? 2);
  if (values.child) {
    const [index, budget] = values.child.split(':');
    void child(KINDS[Number(index)]!, Number(budget), workers);
    return;
  }
  const budgets = (values.budgets ?? `${32 * MB}`).split(',').map(Number);
  console.log(`| document | elements each | records | maxBytesInFlight | peak RSS | most bytes in flight | most records in flight | failed | seconds |`);
  console.log(`|---|---|---|---|---|---|---|---|---|`);
  for (const budget of budgets) {
    KINDS.forEach((kind, i) => {
      if (values.kinds !== undefined && !values.kinds.split(',').map(Number).includes(i)) return;
      const out = execFileSync(process.execPath, ['--import', 'jiti/register', fileURLToPath(import.meta.url), '--child', `${i}:${budget}`, '--workers', String(workers)], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const r = JSON.parse(out) as { failed: number; peakRssMb: number; maxBytes: number; maxDepth: number; seconds: number; elements: number };
      const b = budget === Infinity ? 'none' : `${budget / MB} MiB`;
      console.log(`| ${kind.name} | ${r.elements.toLocaleString('en')} | ${kind.records.toLocaleString('en')} | ${b} | ${r.peakRssMb} MB | ${(r.maxBytes / MB).toFixed(1)} MiB | ${r.maxDepth} | ${r.failed} | ${r.seconds.toFixed(1)} |`);
    });
  }
}

main();
