import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { personXml, seedPeople } from '../helpers/people.js';

describe('sluice infer --max-elements', () => {
  it('leaves out, and names, the samples run would fail for their element count; without it they are read', () => {
    // 4 + 2 phones = 6 elements each, but person 3 has 7 phones: 11.
    const db = seedPeople(5, (id) => personXml(id, id === 3 ? 7 : 2));
    const limited = sluice(['infer', '--source', `sqlite:${db}`, '--dialect', 'sqlite', '--max-elements', '10']);
    expect(limited.code, limited.stderr).toBe(0);
    expect(limited.stderr).toMatch(/record 3 left out: .*over the maxElements limit of 10/);
    const all = sluice(['infer', '--source', `sqlite:${db}`, '--dialect', 'sqlite']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stderr).toContain('Read 5 records');
    expect(all.stderr).not.toContain('left out');
  });
});
