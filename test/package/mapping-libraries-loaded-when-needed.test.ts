import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// yaml costs 37–45 ms of CPU to import: the built library loads it when a mapping file is first
// read, not when it is imported. ajv (44–47 ms to import, 61–104 ms to compile the schema) is
// never loaded: the schema ships compiled (src/mapping/mapping-validator.generated.mjs).
// `npm test` builds dist/ first.
it('importing the library leaves yaml unloaded; reading a mapping file loads yaml, never ajv', () => {
  const script = `
    import { createRequire } from 'node:module';
    const cache = () => Object.keys(createRequire(import.meta.url).cache);
    const loaded = (name) => cache().filter((f) => f.includes('node_modules/' + name + '/')).length;
    const { loadMappingFile } = await import('./dist/index.js');
    const before = { yaml: loaded('yaml'), ajv: loaded('ajv') };
    loadMappingFile('./examples/credit-app/elements-mapping.yaml');
    console.log(JSON.stringify({ before, after: { yaml: loaded('yaml'), ajv: loaded('ajv') } }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as {
    before: { yaml: number; ajv: number };
    after: { yaml: number; ajv: number };
  };
  expect(out.before).toEqual({ yaml: 0, ajv: 0 });
  expect(out.after.yaml).toBeGreaterThan(0);
  expect(out.after.ajv).toBe(0);
});
