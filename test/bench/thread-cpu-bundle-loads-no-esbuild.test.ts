import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchScript } from '../../bench/lib/build-child.js';

// bench/cpu/thread-cpu.ts bundles itself and measures the bundle's threads; the bundle carries the
// builder, and a module-level import of esbuild ran (and was scanned by Node) in every measured process.
describe('the thread-cpu bundle', () => {
  it('imports esbuild only where it builds, not as it starts', async () => {
    const script = await benchScript(fileURLToPath(new URL('../../bench/cpu/thread-cpu.ts', import.meta.url)));
    const text = readFileSync(script, 'utf8');
    expect(text).not.toMatch(/^import [^\n]* from "esbuild";$/m);
    expect(text).toMatch(/await import\("esbuild"\)/);
  });
});
