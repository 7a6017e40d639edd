import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './sluice.js';

/**
 * Copies dist/ aside for one bench run, so that every load of the run measures the same build
 * even if dist/ is rebuilt meanwhile (tsup cleans it first: a load starting then would find
 * nothing). A package.json beside the copy, with the package's own `exports`, makes the example
 * mapper's `import 'sluice/mapper'` (and `'sluice'`) resolve to the copy too; npm packages still
 * resolve from the repository's node_modules.
 * Returns the copy's dist directory; `remove` deletes it.
 */
export function snapshotDist(tag: string): { dist: string; remove(): void } {
  const dir = join(ROOT, 'node_modules', '.cache', 'sluice-bench', `dist-${tag}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const source = join(ROOT, 'dist');
  if (!existsSync(join(source, 'index.js'))) throw new Error(`${source}/index.js is missing: build first (npm run build)`);
  cpSync(source, join(dir, 'dist'), { recursive: true });
  const { name, type, exports } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, type, private: true, exports }, null, 2)}\n`);
  return { dist: join(dir, 'dist'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
