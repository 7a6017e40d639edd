import { expect, it } from 'vitest';
import { evaluateTargets } from '../../bench/lib/targets.js';

const LOOP = { loop: 6000, rounds: [1.4], loopCpuMicros: 100, cpuRounds: [1.1], loopRssMb: 100, twoLoops: 12_000 };

it("judges the pipeline with the mapping file on the loop's targets too, beside the mapper in code, and only when it ran", () => {
  const code = { ...LOOP, pipeline: 7000, pipelineCpuMicros: 130, pipelineRssMb: 120 };
  const file = { ...LOOP, pipeline: 9900, pipelineCpuMicros: 112, pipelineRssMb: 160 };
  const results = evaluateTargets({ loop: { elements: code }, loopMapping: { elements: file } });
  const of = (target: string) => results.find((r) => r.target === target)?.status;
  expect(of('pipeline ≥ 1.6 × hand-written loop, SQLite (elements)')).toBe('FAIL');
  expect(of('pipeline ≥ 1.6 × hand-written loop, SQLite (elements, mapping file)')).toBe('PASS');
  expect(of("CPU per record ≤ 1.15 × the loop's (elements)")).toBe('FAIL');
  expect(of("CPU per record ≤ 1.15 × the loop's (elements, mapping file)")).toBe('PASS');
  expect(of("peak RSS ≤ 1.5 × the loop's (elements, mapping file)")).toBe('FAIL');
  expect(of("peak RSS ≤ 1.5 × the loop's (attributes, mapping file)")).toBe('NOT RUN');
  expect(evaluateTargets({ loop: { elements: code } }).some((r) => r.target.includes('mapping file'))).toBe(false);
});
