import { describe, expect, it } from 'vitest';
import { tuneKnobs } from '../../src/tune/tune-knobs.js';
import { queueRoom } from '../../src/pipeline/options.js';
import { consistent, defaultTuneSettings } from '../../src/tune/tune-settings.js';

// Every combination `sluice tune` measures leaves the queue room for the commits in flight and one
// batch filling, so that no setting is measured with its reader stalled; each knob keeps the value
// it sweeps.

describe('the settings sluice tune measures', () => {
  const defaults = defaultTuneSettings(2);

  it('hold (commits in flight + 1) batches in the queue, and each knob its own value', () => {
    for (const knob of tuneKnobs(2, 10_000)) {
      for (const value of knob.values) {
        const s = consistent(knob.settings(value, defaults));
        expect(s.queueSize, `${knob.name}=${value}`).toBeGreaterThanOrEqual((s.maxInFlightCommits + 1) * s.batchSize);
        expect(s[knob.option], `${knob.name}=${value}`).toBe(value);
      }
    }
  });

  it('lower the batch, not the queue, where the queue is what is swept', () => {
    const queue = tuneKnobs(2, 10_000).find((k) => k.name === 'queue-size')!;
    expect(consistent(queue.settings(1000, { ...defaults, batchSize: 500, maxInFlightCommits: 2 }))).toMatchObject({ queueSize: 1000, batchSize: 333 });
  });

  it('raise the queue for more batches or more commits in flight', () => {
    expect(queueRoom({ batchSize: 500, maxInFlightCommits: 2 })).toBe(1500);
    expect(consistent({ ...defaults, queueSize: 2000, batchSize: 1000, maxInFlightCommits: 2 }).queueSize).toBe(3000);
    expect(consistent({ ...defaults, queueSize: 2000, batchSize: 500, maxInFlightCommits: 4 }).queueSize).toBe(2500);
    expect(consistent({ ...defaults, queueSize: 4000, batchSize: 500, maxInFlightCommits: 2 }).queueSize).toBe(4000);
  });
});
