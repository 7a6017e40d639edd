import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const consumer = (file: string) => fileURLToPath(new URL(`../fixtures/consumers/${file}`, import.meta.url));

function run(file: string): unknown {
  const r = spawnSync(process.execPath, [consumer(file)], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

// Every worker thread imports the user's mapper; 'sluice/mapper' keeps that import to the
// mapping API and its XML parser, without rxjs, tinypool or the metrics of the full package.
describe("the 'sluice/mapper' entry", () => {
  it('gives a CommonJS mapper the mapping API and loads no package but saxes', () => {
    const seen = run('mapper-consumer.cjs') as { exports: string[]; packages: string[] };
    expect(seen.exports).toEqual(expect.arrayContaining(['column', 'defineMapper', 'defineMapping', 'parseXml', 'XmlElement', 'SluiceConversionError']));
    expect(seen.packages).toEqual(['saxes', 'xmlchars']);
  });

  it('gives an ES module mapper the same API, and loads no package but saxes', () => {
    expect(run('mapper-consumer.mjs')).toEqual({ tables: ['p'], name: 'Ada', packages: ['saxes', 'xmlchars'] });
  });

  // saxes is CommonJS: imported by an ES module, Node would scan its source for export names in
  // every worker as it starts (core/lazy-require.ts); required, it is not scanned.
  it('imports Node built-ins only in its ES module build and in the worker entry: saxes is required', () => {
    for (const file of ['mapper.js', 'worker.js']) {
      const source = readFileSync(fileURLToPath(new URL(`../../dist/${file}`, import.meta.url)), 'utf8');
      const imported = [...source.matchAll(/^import\b[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]!);
      expect(imported.filter((s) => !s.startsWith('node:') && !['buffer', 'url', 'path', 'util', 'module', 'fs', 'perf_hooks', 'worker_threads', 'tinypool'].includes(s))).toEqual([]);
    }
  });
});
