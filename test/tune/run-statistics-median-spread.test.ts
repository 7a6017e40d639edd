import { describe, expect, it } from 'vitest';
import { passOrder, statisticsOf } from '../../src/tune/run-statistics.js';

describe('statistics of repeated runs', () => {
  it('gives the median (the middle pair averaged), the range and the spread as a share of the median', () => {
    expect(statisticsOf([900, 1000, 1200])).toEqual({ runs: 3, median: 1000, min: 900, max: 1200, spread: 0.3 });
    expect(statisticsOf([1200, 800])).toMatchObject({ median: 1000, spread: 0.4 });
    expect(statisticsOf([500])).toMatchObject({ median: 500, spread: 0 });
    expect(() => statisticsOf([])).toThrow('no values');
  });

  it('alternates the order of settings between passes, so drift falls on every setting alike', () => {
    expect([0, 1, 2].map((pass) => passOrder(3, pass))).toEqual([
      [0, 1, 2],
      [2, 1, 0],
      [0, 1, 2],
    ]);
  });
});
