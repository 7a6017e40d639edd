import { afterEach, describe, expect, it } from 'vitest';
import type { SourceRecord } from 'sluice';
import { adapterCases, caseTitle, skipCase, type AdapterEnv } from './adapter-cases.js';
import { range } from './commit-batch.js';

const cases = await adapterCases();

/** SQLite gives a UTF-8 database's documents as bytes; the others give text. */
const textOf = (p: string | Uint8Array) => (typeof p === 'string' ? p : new TextDecoder().decode(p));

async function collect(pages: AsyncIterable<SourceRecord[]>): Promise<SourceRecord[][]> {
  const out: SourceRecord[][] = [];
  for await (const p of pages) out.push(p);
  return out;
}

for (const c of cases) {
  describe.skipIf(skipCase(c))(`${caseTitle(c)}: keyset paging`, () => {
    let env: AdapterEnv | undefined;
    afterEach(async () => env?.close());

    it('yields every record once, in key order, in pages of pageSize', async () => {
      env = await c.create();
      await env.seed(250);
      const source = env.source();
      const pages = await collect(source.pages({ pageSize: 100, partition: {} }));
      await source.close();
      expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
      expect(pages.flat().map((r) => r.key)).toEqual(range(1, 250));
      expect(textOf(pages[0]![0]!.payload)).toContain('<Person id="1">');
    });

    it('honours limit and an extra where condition', async () => {
      env = await c.create();
      await env.seed(250);
      const source = env.source({ where: 'app_id > 200' });
      const pages = await collect(source.pages({ pageSize: 20, partition: {}, limit: 30 }));
      expect(pages.map((p) => p.length)).toEqual([20, 10]);
      expect(pages.flat().map((r) => r.key)).toEqual(range(201, 230));
      expect(await source.count!({ partition: {} })).toBe(50);
      expect(await source.count!({ partition: {}, limit: 7 })).toBe(7);
      await source.close();
    });

    it('reads a page only when asked for it', async () => {
      env = await c.create();
      await env.seed(100);
      const source = env.source();
      const it = source.pages({ pageSize: 10, partition: {} })[Symbol.asyncIterator]();
      const first = await it.next();
      expect(first.value).toHaveLength(10);
      await it.return?.();
      await source.close();
    });
  });
}
