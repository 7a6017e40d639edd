import { describe, expect, it } from 'vitest';
import { parseBenchArgs, type BenchConfig } from '../../bench/lib/config.js';

const parse = (...args: string[]) => parseBenchArgs(args) as BenchConfig;

describe('the bench flags', () => {
  it('plans a quick run by default, without the micro-benchmarks', () => {
    const c = parse();
    expect(c).toMatchObject({ full: false, size: 'medium', db: 'sqlite', workers: 2, records: 20_000, sweepRecords: 10_000, instanceRecords: 10_000, scale: [10_000, 100_000], repeats: 3, sweepPasses: 2 });
    expect(c.only).not.toContain('micro');
    expect(c.command).toBe('npm run bench');
  });

  it('plans a full run up to a million records', () => {
    const c = parse('--full', '--size', 'large');
    expect(c).toMatchObject({ full: true, size: 'large', records: 100_000, instanceRecords: 100_000, scale: [10_000, 100_000, 1_000_000], repeats: 3, sweepPasses: 3 });
    expect(c.only).toContain('micro');
    expect(c.command).toBe('npm run bench -- --full --size large');
  });

  it('takes --records and --only', () => {
    expect(parse('--records', '5_000', '--only', 'profile,sweeps')).toMatchObject({ records: 5000, sweepRecords: 2500, only: ['profile', 'sweeps'] });
  });

  it('rejects what it does not know, naming it', () => {
    expect(() => parse('--size', 'huge')).toThrow(/--size must be small, medium or large; got "huge"/);
    expect(() => parse('--only', 'profile,speed')).toThrow(/unknown experiment "speed"/);
    expect(() => parse('--records', '0')).toThrow(/--records must be a positive integer/);
    expect(() => parse('--db', 'mysql')).toThrow(/--db must be sqlite or postgres/);
    expect(() => parse('--bogus')).toThrow();
  });

  it('answers --help', () => {
    expect(parseBenchArgs(['--help'])).toBe('help');
  });
});
