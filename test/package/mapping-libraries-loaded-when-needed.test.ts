import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// ajv and yaml cost 37 and 35 ms of CPU to import: the built library loads them when a mapping
// file is first read, not when it is imported (`npm test` builds dist/ first).
it('importing the library leaves ajv and yaml unloaded; reading a mapping file loads them', () => {
  const script = `
    import { createRequire } from 'node:module';
    const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((f) => /node_modules[\\\\/](ajv|yaml)[\\\\/]/.test(f)).length;
    const { loadMappingFile } = await import('./dist/index.js');
    const before = loaded();
    loadMappingFile('./examples/credit-app/elements-mapping.yaml');
    console.log(JSON.stringify({ before, after: loaded() }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as { before: number; after: number };
  expect(out.before).toBe(0);
  expect(out.after).toBeGreaterThan(0);
});
