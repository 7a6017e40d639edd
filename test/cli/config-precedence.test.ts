import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { tempDir } from '../helpers/people.js';

/** `sluice config run …` in a folder holding `files`; returns the printed settings by flag. */
function settings(files: Record<string, string>, args: string[], env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const out = sluice(['config', 'run', ...args], { ...env }, dir);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  const rows = new Map<string, [string, string]>();
  for (const line of out.stdout.split('\n')) {
    const m = /^ {2}(--[\w-]+)\s+(\S+)\s+(.*)$/.exec(line);
    if (m) rows.set(m[1]!, [m[2]!, m[3]!.trim()]);
  }
  return { rows, stdout: out.stdout };
}

describe('settings: flags > SLUICE_* environment > config file > defaults', () => {
  const file = { 'sluice.config.json': JSON.stringify({ batchSize: 300, queueSize: 900, taskSize: 50, workers: 3, progress: false }) };

  it('each layer wins over the ones below it, per setting', () => {
    const { rows } = settings(file, ['--batch-size', '100'], { SLUICE_BATCH_SIZE: '200', SLUICE_QUEUE_SIZE: '800' });
    expect(rows.get('--batch-size')).toEqual(['100', 'flag']);
    expect(rows.get('--queue-size')).toEqual(['800', 'env SLUICE_QUEUE_SIZE']);
    expect(rows.get('--task-size')).toEqual(['50', expect.stringMatching(/^file .*sluice\.config\.json$/)]);
    expect(rows.get('--commits-in-flight')).toEqual(['-', 'not set']);
    expect(rows.get('--log-level')).toEqual(['warn', 'default']);
  });

  it('a negated flag is set by its positive name, in the file and the environment', () => {
    expect(settings(file, []).rows.get('--no-progress')).toEqual(['false', expect.stringMatching(/^file /)]);
    expect(settings(file, [], { SLUICE_PROGRESS: 'true' }).rows.get('--no-progress')).toEqual(['true', 'env SLUICE_PROGRESS']);
    expect(settings(file, ['--no-progress'], { SLUICE_PROGRESS: 'true' }).rows.get('--no-progress')).toEqual(['false', 'flag']);
  });

  it('finds YAML and .mjs config files, and --config names one anywhere', () => {
    expect(settings({ 'sluice.config.yaml': 'batchSize: 7\n' }, []).rows.get('--batch-size')![0]).toBe('7');
    expect(settings({ 'sluice.config.mjs': 'export default { batchSize: 8 };\n' }, []).rows.get('--batch-size')![0]).toBe('8');
    const other = join(tempDir(), 'loads.yaml');
    writeFileSync(other, 'batchSize: 9\n');
    expect(settings({}, ['--config', other]).rows.get('--batch-size')).toEqual(['9', `file ${other}`]);
  });

  it('a wrong value names where it came from; an unknown setting suggests the nearest', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sluice.config.json'), JSON.stringify({ batchsize: 5 }));
    expect(sluice(['config', 'run'], {}, dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown setting "batchsize"; did you mean "batchSize"?') });
    expect(sluice(['config', 'run'], { SLUICE_BATCH_SIZE: 'ten' })).toMatchObject({ code: 2, stderr: expect.stringContaining('SLUICE_BATCH_SIZE: expected an integer from 1') });
  });
});
