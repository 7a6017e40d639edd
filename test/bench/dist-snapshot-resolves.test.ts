import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotDist } from '../../bench/lib/dist-snapshot.js';

const snapshot = snapshotDist('test');
afterAll(() => snapshot.remove());

describe("the bench's copy of dist/", () => {
  it("loads the example mapper, whose 'sluice/mapper' import resolves inside the copy", () => {
    const mapper = pathToFileURL(join(snapshot.dist, 'credit-app-mapper.js')).href;
    const script = `const m = await import(${JSON.stringify(mapper)}); console.log(Object.keys(m.default.tables).length)`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(Number(r.stdout)).toBeGreaterThan(0);
  });

  it("resolves 'sluice' and 'sluice/mapper' from inside the copy to the copy", () => {
    const probe = join(snapshot.dist, 'probe.mjs');
    writeFileSync(probe, "console.log(JSON.stringify(['sluice', 'sluice/mapper'].map((s) => import.meta.resolve(s))));\n");
    const r = spawnSync(process.execPath, [probe], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const copy = pathToFileURL(snapshot.dist).href;
    expect(JSON.parse(r.stdout)).toEqual([`${copy}/index.js`, `${copy}/mapper.js`]);
  });
});
