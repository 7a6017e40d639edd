import { describe, expect, it } from 'vitest';
import { parseXml } from 'sluice';
import { barChart, lineChart, niceTicks } from '../../src/tune/svg-chart.js';

describe('the SVG charts', () => {
  it('draws a line chart as well-formed SVG with one vertex per point', () => {
    const points: [number, number][] = [
      [0, 10],
      [100, 250],
      [200, 180],
      [300, 400],
    ];
    const svg = lineChart({ title: 'Queue <depth> & time', xLabel: 'ms', yLabel: 'records', series: [{ name: 'depth', points }], marks: [{ y: 500, label: 'cap' }] });
    const root = parseXml(svg).root;
    expect(root.name).toBe('svg');
    const polyline = root.getAll('polyline');
    expect(polyline).toHaveLength(1);
    const vertices = polyline[0]!.value('@points')!.trim().split(/\s+/);
    expect(vertices).toHaveLength(points.length);
    for (const v of vertices) expect(v).toMatch(/^\d+(\.\d)?,\d+(\.\d)?$/);
    expect(root.getAll('circle')).toHaveLength(points.length);
    expect(svg).toContain('Queue &lt;depth&gt; &amp; time');
  });

  it('puts higher values higher up (smaller y)', () => {
    const svg = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [[0, 0], [1, 100]] }] });
    const [a, b] = parseXml(svg).root.getAll('circle').map((c) => Number(c.value('@cy')));
    expect(b!).toBeLessThan(a!);
  });

  it('draws one bar per category and series, log scale included', () => {
    for (const log of [false, true]) {
      const svg = barChart({
        title: 'latency',
        yLabel: 'ms',
        categories: ['read', 'parse', 'commit'],
        series: [
          { name: 'p50', values: [0.5, 0.2, 40] },
          { name: 'p99', values: [3, 1.1, 90] },
        ],
        log,
      });
      const root = parseXml(svg).root;
      expect(root.getAll('rect').filter((r) => r.getAll('title').length === 1)).toHaveLength(6);
    }
  });

  it('picks round tick values that cover the range', () => {
    expect(niceTicks(0, 97)).toEqual([0, 20, 40, 60, 80, 100]);
    const t = niceTicks(0, 6543);
    expect(t[0]).toBe(0);
    expect(t[t.length - 1]!).toBeGreaterThanOrEqual(6543);
  });
});
