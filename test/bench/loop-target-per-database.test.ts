import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../bench/lib/targets.js';

const LOOP = { rounds: [1.4], pipelineCpuMicros: 110, loopCpuMicros: 100, cpuRounds: [1.1], pipelineRssMb: 150, loopRssMb: 100, twoLoops: 12_000 };

describe('the speed target against the hand-written loop', () => {
  it('is 1.3x the loop into PostgreSQL and 1.6x into SQLite', () => {
    const [postgres] = evaluateTargets({ loop: { elements: { ...LOOP, pipeline: 8400, loop: 6000, db: 'postgres' } } });
    expect(postgres!.target).toBe('pipeline ≥ 1.3 × hand-written loop, PostgreSQL (elements)');
    expect(postgres!.status).toBe('PASS');
    const [sqlite] = evaluateTargets({ loop: { elements: { ...LOOP, pipeline: 8400, loop: 6000 } } });
    expect(sqlite!.target).toBe('pipeline ≥ 1.6 × hand-written loop, SQLite (elements)');
    expect(sqlite!.status).toBe('FAIL');
    const [slowPostgres] = evaluateTargets({ loop: { elements: { ...LOOP, pipeline: 7500, loop: 6000, db: 'postgres' } } });
    expect(slowPostgres!.status).toBe('FAIL');
  });

});
