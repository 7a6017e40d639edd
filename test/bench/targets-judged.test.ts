import { describe, expect, it } from 'vitest';
import { evaluateTargets, mergeTargets } from '../../bench/lib/targets.js';

const LOOP = { rounds: [1.5, 1.7], pipelineCpuMicros: 115, loopCpuMicros: 100, cpuRounds: [1.1, 1.2], pipelineRssMb: 150, loopRssMb: 100 };

describe('the targets', () => {
  it('passes and fails each target on its own ratio', () => {
    const results = evaluateTargets({
      loop: {
        elements: { ...LOOP, pipeline: 10_000, loop: 6000 },
        attributes: { ...LOOP, pipeline: 9000, loop: 6000, pipelineCpuMicros: 116, pipelineRssMb: 151 },
      },
      ceilings: { pipeline: 10_000, parseMap: 13_000, sink: 20_000 },
      overlap: { overlapped: 9000, sequential: 8000 },
      peakRssMb: 349,
      rssGrowth: { earlyAt: 100_000, earlyMb: 300, lateAt: 1_000_000, lateMb: 331 },
      firstCommitMillis: 1001,
    });
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS', 'PASS', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'PASS', 'FAIL', 'FAIL']);
    expect(results[0]!.target).toContain('hand-written loop, SQLite (elements)');
    expect(results[0]!.measured).toContain('1.67×');
    expect(results[0]!.measured).toContain('rounds 1.50–1.70×');
    expect(results[4]!.target).toContain("CPU per record ≤ 1.15 × the loop's (attributes)");
    expect(results[4]!.measured).toContain('1.16×');
    expect(results[6]!.measured).toContain('parse+map');
    expect(results[9]!.measured).not.toContain('stand-in');
  });

  it('gives no verdict on the speed target where two independent loops do not reach 1.6 × one loop', () => {
    const [cramped] = evaluateTargets({ loop: { elements: { ...LOOP, pipeline: 7000, loop: 6000, twoLoops: 6600 } } });
    expect(cramped!.status).toBe('INDICATION');
    expect(cramped!.measured).toContain('two independent loops did only 1.10× of one here');
    const [roomy] = evaluateTargets({ loop: { elements: { ...LOOP, pipeline: 7000, loop: 6000, twoLoops: 11_000 } } });
    expect(roomy!.status).toBe('FAIL');
  });

  it('passes the speed target reached on a machine where two independent loops do not reach 1.6 × one loop', () => {
    const [reached] = evaluateTargets({ loop: { elements: { ...LOOP, pipeline: 9720, loop: 6000, twoLoops: 6600 } } });
    expect(reached!.status).toBe('PASS');
    expect(reached!.measured).toContain('1.62×');
    expect(reached!.measured).toContain('reached although two independent loops did only 1.10× of one here');
    expect(reached!.measured).not.toContain('no verdict');
  });

  it('marks targets without measurements NOT RUN, and a quick run’s RSS growth an indication, not a verdict', () => {
    for (const lateMb of [310, 340]) {
      const results = evaluateTargets({ rssGrowth: { earlyAt: 10_000, earlyMb: 300, lateAt: 100_000, lateMb } });
      expect(results.filter((r) => r.status === 'NOT RUN')).toHaveLength(10);
      expect(results[9]).toMatchObject({ status: 'INDICATION' });
      expect(results[9]!.measured).toContain(lateMb === 310 ? 'stand-in, within 10%' : 'stand-in, over 10%');
      expect(results[9]!.measured).toContain('--full judges at 1M');
    }
  });

  it('says when other processes disturbed a compared run', () => {
    const [, , , , , , , quiet] = evaluateTargets({ overlap: { overlapped: 9000, sequential: 7000, others: 0.1 } });
    const [, , , , , , , busy] = evaluateTargets({ overlap: { overlapped: 9000, sequential: 7000, others: 0.8 } });
    expect(quiet!.measured).not.toContain('other processes');
    expect(busy!.measured).toContain('other processes used up to 0.80 cores meanwhile');
    expect(busy!.status).toBe('PASS');
  });

  it('keeps the worst peak RSS and first commit across experiments', () => {
    const m = mergeTargets([{ peakRssMb: 300, firstCommitMillis: 400 }, undefined, { peakRssMb: 280, firstCommitMillis: 900, overlap: { overlapped: 2, sequential: 1 } }]);
    expect(m).toEqual({ peakRssMb: 300, firstCommitMillis: 900, overlap: { overlapped: 2, sequential: 1 } });
  });
});
