import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/people.js';

describe('the built package', () => {
  it.each(['consumer.mjs', 'consumer.cjs'])('runs a pipeline from %s, imported by name', (file) => {
    const script = fileURLToPath(new URL(`../fixtures/consumers/${file}`, import.meta.url));
    const r = spawnSync(process.execPath, [script, tempDir()], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ read: 1, succeeded: 1 });
  });
});
