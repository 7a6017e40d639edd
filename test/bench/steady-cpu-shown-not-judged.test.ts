import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../bench/lib/targets.js';

const LOOP = { rounds: [1.4], pipelineCpuMicros: 110, loopCpuMicros: 100, cpuRounds: [1.1], pipelineRssMb: 150, loopRssMb: 100, twoLoops: 12_000 };

describe('the CPU target against the hand-written loop', () => {
  it('shows CPU per record after warm-up beside the judged whole-run figure', () => {
    const [, cpu] = evaluateTargets({ loop: { elements: { ...LOOP, pipeline: 8400, loop: 6000, pipelineSteadyCpuMicros: 104, loopSteadyCpuMicros: 100 } } });
    expect(cpu!.measured).toContain('1.10× (110 vs 100 µs');
    expect(cpu!.measured).toContain('after warm-up 1.04× (104 vs 100 µs), not judged');
    expect(cpu!.status).toBe('PASS');
  });
});

describe('the CPU target beside two loops at once', () => {
  it("shows what two loops at once spent a record against a lone loop's, and judges only the pipeline", () => {
    const [, cpu] = evaluateTargets({ loop: { elements: { ...LOOP, pipelineCpuMicros: 125, pipeline: 8400, loop: 6000, twoLoopsCpuMicros: 118 } } });
    expect(cpu!.measured).toContain('1.25× (125 vs 100 µs');
    expect(cpu!.measured).toContain("two loops at once spent 118 µs a record, 1.18× a lone loop's");
    expect(cpu!.status).toBe('FAIL');
  });
});
