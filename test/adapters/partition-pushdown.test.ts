import { afterEach, describe, expect, it } from 'vitest';
import { keyRange, modulo, type Partition, type Source } from 'sluice';
import { adapterCases, caseTitle, skipCase, type AdapterEnv } from './adapter-cases.js';
import { range } from './commit-batch.js';

const cases = await adapterCases();

async function keys(source: Source, partition: Partition): Promise<number[]> {
  const out: number[] = [];
  for await (const p of source.pages({ pageSize: 64, partition })) out.push(...p.map((r) => r.key as number));
  return out;
}

for (const c of cases) {
  describe.skipIf(skipCase(c))(`${caseTitle(c)}: partition pushdown`, () => {
    let env: AdapterEnv | undefined;
    afterEach(async () => env?.close());

    it('splits keys by modulo into disjoint parts that cover everything, and counts each part', async () => {
      env = await c.create();
      await env.seed(300);
      const source = env.source();
      expect(source.filtersPartition).toBe(true);
      const parts = await Promise.all([0, 1, 2].map((i) => keys(source, modulo(i, 3))));
      parts.forEach((p, i) => expect(p.every((k) => k % 3 === i)).toBe(true));
      expect(parts.flat().sort((a, b) => a - b)).toEqual(range(1, 300));
      expect(await source.count!({ partition: modulo(1, 3) })).toBe(parts[1]!.length);
      await source.close();
    });

    it('keeps an inclusive key range, alone and with a modulo', async () => {
      env = await c.create();
      await env.seed(300);
      const source = env.source();
      expect(await keys(source, keyRange(10, 20))).toEqual(range(10, 20));
      expect(await keys(source, keyRange(undefined, 5))).toEqual(range(1, 5));
      expect(await keys(source, { ...modulo(0, 2), ...keyRange(10, 20) })).toEqual([10, 12, 14, 16, 18, 20]);
      expect(await source.count!({ partition: keyRange(295) })).toBe(6);
      await source.close();
    });
  });
}
