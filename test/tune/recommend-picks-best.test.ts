import { describe, expect, it } from 'vitest';
import { pickBest } from '../../src/tune/recommend.js';

const table = [
  { value: 500, recordsPerSecond: 5200, peakRssMb: 180 },
  { value: 1000, recordsPerSecond: 6100, peakRssMb: 210 },
  { value: 2000, recordsPerSecond: 6400, peakRssMb: 260 },
  { value: 5000, recordsPerSecond: 6500, peakRssMb: 340 },
];

describe('pickBest', () => {
  it('takes the fastest setting when nothing else comes within the tolerance', () => {
    expect(pickBest(table, { tolerance: 0.01 })).toMatchObject({ value: 5000, fastest: 5000 });
  });

  it('prefers less memory among settings within the tolerance of the fastest', () => {
    const r = pickBest(table, { tolerance: 0.05 });
    expect(r).toMatchObject({ value: 2000, fastest: 5000 });
    expect(r.reason).toContain('less memory');
  });

  it('keeps the current setting when nothing is measurably faster', () => {
    const r = pickBest(table, { tolerance: 0.07, current: 1000 });
    expect(r).toMatchObject({ value: 1000, fastest: 5000 });
    expect(r.reason).toContain('no setting is measurably faster');
    expect(pickBest(table, { tolerance: 0.03, current: 1000 }).value).toBe(2000);
  });

  it('says when the recommended setting is over the memory budget', () => {
    expect(pickBest(table, { tolerance: 0.01, rssBudgetMb: 300 }).reason).toContain('340 MB, is over the 300 MB budget');
    expect(pickBest(table, { tolerance: 0.05, rssBudgetMb: 300 }).reason).not.toContain('budget');
  });

  it('breaks a tie on memory by the smaller value', () => {
    const tie = [
      { value: 4, recordsPerSecond: 1000, peakRssMb: 200 },
      { value: 2, recordsPerSecond: 1000, peakRssMb: 200 },
    ];
    expect(pickBest(tie).value).toBe(2);
  });

  it('refuses an empty sweep', () => {
    expect(() => pickBest([])).toThrow(/no points/);
  });
});
