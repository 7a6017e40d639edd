import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml } from 'sluice';
import { sluice } from '../helpers/cli.js';
import { seedPeople, tempDir } from '../helpers/people.js';

/** A declarative mapping (no code for the workers to compile): one row per person. */
const MAPPING = `tables:
  person:
    from: .
    primaryKey: [id]
    columns:
      id: { value: $key, type: integer, nullable: false }
      name: { path: Name, type: text, nullable: false }
`;

describe('sluice tune', () => {
  it('sweeps the knobs asked for, prints the table and a line starting "Recommended", and writes tune.json and tune.svg', () => {
    const source = seedPeople(40);
    const dir = tempDir();
    const out = join(dir, 'tune');
    writeFileSync(join(dir, 'people.yaml'), MAPPING);
    const r = sluice(['tune', '--source', `sqlite:${source}`, '--mapping', join(dir, 'people.yaml'), '--sample', '30', '--repeats', '1', '--knobs', 'workers,batch-size', '--out', out]);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const recommended = lines.filter((l) => l.startsWith('Recommended'));
    expect(recommended).toHaveLength(1);
    expect(recommended[0]).toMatch(/--workers \d+ --queue-size \d+ --batch-size \d+ --task-size \d+ --commits-in-flight \d+/);
    expect(lines.some((l) => /^workers 1\b/.test(l))).toBe(true);

    const json = JSON.parse(readFileSync(join(out, 'tune.json'), 'utf8')) as {
      sample: { records: number };
      knobs: { name: string; points: { value: number; runs: { records: number; succeeded: number }[] }[] }[];
    };
    expect(json.sample.records).toBe(30);
    expect(json.knobs.map((k) => k.name)).toEqual(['workers', 'batch-size']);
    for (const k of json.knobs) {
      for (const p of k.points) {
        expect(p.runs).toHaveLength(1);
        expect(p.runs[0]).toMatchObject({ records: 30, succeeded: 30 });
      }
    }
    const svg = parseXml(readFileSync(join(out, 'tune.svg'), 'utf8')).root;
    expect(svg.name).toBe('svg');
    expect(svg.getAll('rect').length).toBeGreaterThan(json.knobs.flatMap((k) => k.points).length);
  }, 120_000); // one process per run: a few seconds each on a busy 2-core machine
});
