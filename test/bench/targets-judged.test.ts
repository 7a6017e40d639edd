import { describe, expect, it } from 'vitest';
import { evaluateTargets, mergeTargets } from '../../bench/lib/targets.js';

describe('the targets', () => {
  it('passes and fails each target on its own ratio', () => {
    const results = evaluateTargets({
      baseline: { pipeline: 10_000, singleThread: 6000 },
      ceilings: { pipeline: 10_000, parseMap: 13_000, sink: 20_000 },
      overlap: { overlapped: 9000, sequential: 8000 },
      peakRssMb: 349,
      rssGrowth: { earlyAt: 100_000, earlyMb: 300, lateAt: 1_000_000, lateMb: 331 },
      firstCommitMillis: 1001,
    });
    expect(results.map((r) => r.status)).toEqual(['PASS', 'FAIL', 'FAIL', 'PASS', 'FAIL', 'FAIL']);
    expect(results[0]!.measured).toContain('1.67×');
    expect(results[1]!.measured).toContain('parse+map');
    expect(results[4]!.measured).not.toContain('stand-in');
  });

  it('marks targets without measurements NOT RUN, and a quick run’s RSS growth an indication, not a verdict', () => {
    for (const lateMb of [310, 340]) {
      const results = evaluateTargets({ rssGrowth: { earlyAt: 10_000, earlyMb: 300, lateAt: 100_000, lateMb } });
      expect(results.filter((r) => r.status === 'NOT RUN')).toHaveLength(5);
      expect(results[4]).toMatchObject({ status: 'INDICATION' });
      expect(results[4]!.measured).toContain(lateMb === 310 ? 'stand-in, within 10%' : 'stand-in, over 10%');
      expect(results[4]!.measured).toContain('--full judges at 1M');
    }
  });

  it('says when other processes disturbed a compared run', () => {
    const [, , quiet] = evaluateTargets({ overlap: { overlapped: 9000, sequential: 7000, others: 0.1 } });
    const [, , busy] = evaluateTargets({ overlap: { overlapped: 9000, sequential: 7000, others: 0.8 } });
    expect(quiet!.measured).not.toContain('other processes');
    expect(busy!.measured).toContain('other processes used up to 0.80 cores meanwhile');
    expect(busy!.status).toBe('PASS');
  });

  it('keeps the worst peak RSS and first commit across experiments', () => {
    const m = mergeTargets([{ peakRssMb: 300, firstCommitMillis: 400 }, undefined, { peakRssMb: 280, firstCommitMillis: 900, overlap: { overlapped: 2, sequential: 1 } }]);
    expect(m).toEqual({ peakRssMb: 300, firstCommitMillis: 900, overlap: { overlapped: 2, sequential: 1 } });
  });
});
