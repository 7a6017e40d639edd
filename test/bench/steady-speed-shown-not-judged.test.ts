import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../bench/lib/context.js';
import { LoadClock } from '../../bench/lib/loads/load-clock.js';
import { evaluateTargets } from '../../bench/lib/targets.js';

// A run's first records pay its fixed costs (threads started, each isolate's code compiled); the
// bench shows the rate after them beside the judged whole-run rate, the rate larger runs approach.

/** A wall clock the test moves by hand. */
function manualClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}
const job = { kind: 'loop', label: 'clock', records: 1000, settings: defaultSettings(1), endpoint: { db: 'sqlite', sourceFile: 'unused.db', sinkFile: 'unused.db' } } as const;

describe('records/s after warm-up', () => {
  it('counts the records after the first 20% over the wall time they took', () => {
    const time = manualClock();
    const clock = new LoadClock(job, time.now);
    time.advance(900);
    clock.committed(100);
    time.advance(100);
    clock.committed(200); // 20%: warm-up ends here, 1,000 ms in
    time.advance(400);
    clock.committed(1000);
    const result = clock.finish({ succeeded: 1000, failed: 0, skipped: 0 });
    expect(result.wallMillis).toBe(1400);
    expect(result.recordsPerSecond).toBe(714);
    expect(result.steadyRecordsPerSecond).toBe(2000); // 800 records in 400 ms
  });

  it('is null for a load that reported no progress along the way', () => {
    const time = manualClock();
    const clock = new LoadClock(job, time.now);
    time.advance(500);
    expect(clock.finish({ succeeded: 1000, failed: 0, skipped: 0 }).steadyRecordsPerSecond).toBeNull();
  });
});

describe('the speed target against the hand-written loop', () => {
  const LOOP = { rounds: [1.4], pipelineCpuMicros: 110, loopCpuMicros: 100, cpuRounds: [1.1], pipelineRssMb: 150, loopRssMb: 100, twoLoops: 12_000 };

  it('shows the rate after warm-up beside the whole-run rate, and judges the whole run', () => {
    const [speed] = evaluateTargets({ loop: { elements: { ...LOOP, pipeline: 8400, loop: 6000, pipelineSteady: 10_200, loopSteady: 6000 } } });
    expect(speed!.measured).toContain('1.40× (8,400 vs 6,000 records/s');
    expect(speed!.measured).toContain('after warm-up 1.70× (10,200 vs 6,000 records/s), not judged');
    expect(speed!.status).toBe('FAIL');
  });
});
